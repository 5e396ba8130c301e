// FSMA 204 shipping events (21 CFR 1.1340) of the given lots: one row per shipment line, with the
// shipment (date, reference document), the customer (the immediate subsequent recipient), the
// product, the sites its quantity was taken from (the ship-from location: the sites of the locations
// the shipment's event took the lot from, by code; none when it took it from no location), and
// where the lot's code comes from: the supplier of a received lot (with the code it gave the lot),
// or the work order that produced it (its site text, and the site of the location it put the lot at).
// Parameters: $codes lot codes (distinct); $skus material SKUs or null (any product);
//   $from, $to ISO date-times, inclusive, or null (open)
// Example: :params {codes: ['PB-CR-260319'], skus: null, from: null, to: null}
UNWIND $codes AS code
MATCH (lot:Lot {code: code})-[x:SHIPPED_IN]->(sh:Shipment)-[:SHIPPED_TO]->(c:Customer)
WHERE ($from IS NULL OR sh.shippedAt >= datetime($from))
  AND ($to IS NULL OR sh.shippedAt <= datetime($to))
MATCH (lot)-[:OF_MATERIAL]->(m:Material)
WHERE $skus IS NULL OR m.sku IN $skus
OPTIONAL MATCH (lot)-[r:RECEIVED_FROM]->(s:Supplier)
OPTIONAL MATCH (w:WorkOrder)-[:PRODUCED]->(lot)
RETURN sh.number AS shipmentNumber, sh.shippedAt AS date, sh.referenceDocument AS referenceDocument,
       lot.code AS lotCode, x.quantity AS quantity, x.uom AS uom, m {.sku, .name, .gtin} AS product,
       c {.code, .name, .gln, .contact} AS customer,
       s {.code, .name, .gln, .contact} AS supplier, r.supplierLotCode AS supplierLotCode,
       w.site AS producedAtSite,
       COLLECT {
         MATCH (e:Event {subject: sh.number, type: 'SHIP_LOTS'})-[t:CONCERNS]->(lot)
         WHERE t.type = 'SHIPPED' AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
         MATCH (:Location {code: t.location})-[:IN_SITE]->(site:Site)
         WITH DISTINCT site
         RETURN site {.code, .name, .address, .gln} ORDER BY site.code
       } AS shippedFrom,
       COLLECT {
         MATCH (e:Event {subject: w.number, type: 'RECORD_PRODUCTION'})-[p:CONCERNS]->(lot)
         WHERE p.type = 'PRODUCED' AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
         MATCH (:Location {code: p.location})-[:IN_SITE]->(site:Site)
         RETURN site {.code, .name, .address, .gln}
       }[0] AS producedAt
