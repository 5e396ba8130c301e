// FSMA 204 receiving events (21 CFR 1.1345) of the given lots: one row per received lot, with the
// receipt (RECEIVED_FROM: date, quantity, receipt number, the supplier's lot code), the product,
// the supplier (the immediate previous source, and the source of the lot code), the site the lot
// was received at (the site of the location its receipt put it at: the receiving location; null
// when the receipt put it at none), and for a lot received through an EPCIS import the eventID of
// its receiving event (its record when the receipt has no number). A receipt an error declaration
// reversed is gone with its lot; its Event (which a reversal REVERSES) is not read.
// Parameters: $codes lot codes (distinct); $skus material SKUs or null (any product);
//   $from, $to ISO date-times, inclusive, or null (open)
// Example: :params {codes: ['SALT-260302', 'PEANUT-260309-TX'], skus: null, from: null, to: null}
UNWIND $codes AS code
MATCH (lot:Lot {code: code})-[r:RECEIVED_FROM]->(s:Supplier)
WHERE ($from IS NULL OR r.receivedAt >= datetime($from))
  AND ($to IS NULL OR r.receivedAt <= datetime($to))
MATCH (lot)-[:OF_MATERIAL]->(m:Material)
WHERE $skus IS NULL OR m.sku IN $skus
OPTIONAL MATCH (e:Event {subject: lot.code, type: 'RECEIVE_LOT'})
  WHERE NOT EXISTS { (:Event)-[:REVERSES]->(e) }
RETURN lot.code AS lotCode, r.receivedAt AS date, r.quantity AS quantity, r.uom AS uom,
       r.receiptNumber AS receiptNumber, r.supplierLotCode AS supplierLotCode,
       m {.sku, .name, .gtin} AS product,
       s {.code, .name, .gln, .contact} AS supplier, e.epcisEventId AS epcisEventId,
       COLLECT {
         MATCH (e)-[c:CONCERNS]->(lot) WHERE c.type = 'RECEIVED'
         MATCH (:Location {code: c.location})-[:IN_SITE]->(site:Site)
         RETURN site {.code, .name, .address, .gln}
       }[0] AS site
