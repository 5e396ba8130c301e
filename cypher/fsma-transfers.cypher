// FSMA 204 transfers between two sites of this company (a shipping CTE at the one, a receiving CTE
// at the other, as FDA counts them) of the given lots: one row per transfer (TRANSFERRED entry of a
// recorded transfer no EPCIS error declaration reversed) whose from-location and to-location are in
// different sites, with both sites, the product, and where the lot's code comes from: the supplier
// of a received lot (with the code it gave the lot), or the work order that produced it (its site
// text, and the site of the location it put the lot at). A transfer inside one site is no CTE and
// gives no row.
// Parameters: $codes lot codes (distinct); $skus material SKUs or null (any product);
//   $from, $to ISO date-times, inclusive, or null (open), on the time of the move
//   (the example asks about every lot ever transferred)
// Example: :params {codes: COLLECT { MATCH ()-[t:CONCERNS]->() WHERE t.type = 'TRANSFERRED' RETURN DISTINCT t.lot }, skus: null, from: null, to: null}
UNWIND $codes AS code
MATCH (lot:Lot {code: code})<-[t:CONCERNS]-(e:Event)
WHERE t.type = 'TRANSFERRED' AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
  AND ($from IS NULL OR t.at >= datetime($from))
  AND ($to IS NULL OR t.at <= datetime($to))
MATCH (:Location {code: t.fromLocation})-[:IN_SITE]->(origin:Site), (:Location {code: t.location})-[:IN_SITE]->(destination:Site)
WHERE origin <> destination
MATCH (lot)-[:OF_MATERIAL]->(m:Material)
WHERE $skus IS NULL OR m.sku IN $skus
OPTIONAL MATCH (lot)-[r:RECEIVED_FROM]->(s:Supplier)
OPTIONAL MATCH (w:WorkOrder)-[:PRODUCED]->(lot)
RETURN e.id AS eventId, t.at AS date, t.reference AS referenceDocument,
       lot.code AS lotCode, t.quantity AS quantity, lot.uom AS uom, m {.sku, .name, .gtin} AS product,
       origin {.code, .name, .address, .gln} AS origin, destination {.code, .name, .address, .gln} AS destination,
       s {.code, .name, .gln, .contact} AS supplier, r.supplierLotCode AS supplierLotCode,
       w.site AS producedAtSite,
       COLLECT {
         MATCH (p:Event {subject: w.number, type: 'RECORD_PRODUCTION'})-[x:CONCERNS]->(lot)
         WHERE x.type = 'PRODUCED' AND NOT EXISTS { (:Event)-[:REVERSES]->(p) }
         MATCH (:Location {code: x.location})-[:IN_SITE]->(site:Site)
         RETURN site {.code, .name, .address, .gln}
       }[0] AS producedAt
