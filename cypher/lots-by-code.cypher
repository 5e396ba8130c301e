// Lots by code, with the keys their relations resolve by and the sums behind onHand (adjusted: the
// running total of stock counts' differences, kept on the lot by adjust-lot). The sums are added up
// in thousandths of the unit, as integers (QUANTITY_DECIMALS, src/core/quantity.ts): exact, where
// adding doubles makes 0.1 + 0.2 0.30000000000000004.
// Dates come back as text (toString), as the API returns them: many rows of driver temporals decode slowly.
// Parameters: $codes  list of lot codes
// Example:    :param codes => ['PB-CR-260305']
UNWIND $codes AS code
MATCH (l:Lot {code: code})-[:OF_MATERIAL]->(m:Material)
OPTIONAL MATCH (l)-[r:RECEIVED_FROM]->(s:Supplier)
OPTIONAL MATCH (w:WorkOrder)-[:PRODUCED]->(l)
RETURN l.code AS code, l.quantity AS quantity, l.uom AS uom, l.status AS status,
       toString(l.createdAt) AS createdAt, toString(l.expiresAt) AS expiresAt,
       m.sku AS materialSku, s.code AS supplierCode, r.supplierLotCode AS supplierLotCode,
       w.number AS producedByNumber,
       reduce(t = 0, q IN [(l)-[c:CONSUMED_BY]->() | c.quantity] | t + toInteger(round(q * 1000))) / 1000.0 AS consumed,
       reduce(t = 0, q IN [(l)-[x:SHIPPED_IN]->() | x.quantity] | t + toInteger(round(q * 1000))) / 1000.0 AS shipped,
       round(coalesce(l.adjusted, 0.0), 3) AS adjusted
