// FSMA 204 receiving events (21 CFR 1.1345) of the given lots: one row per received lot, with the
// receipt (RECEIVED_FROM: date, quantity, receipt number, the supplier's lot code), the product
// and the supplier (the immediate previous source, and the source of the lot code), and for a lot
// received through an EPCIS import the eventID of its receiving event (its record when the receipt
// has no number; not that of a receipt an error declaration reversed).
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
  WHERE e.epcisEventId IS NOT NULL AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
RETURN lot.code AS lotCode, r.receivedAt AS date, r.quantity AS quantity, r.uom AS uom,
       r.receiptNumber AS receiptNumber, r.supplierLotCode AS supplierLotCode,
       m {.sku, .name, .gtin} AS product,
       s {.code, .name, .gln, .contact} AS supplier, e.epcisEventId AS epcisEventId
