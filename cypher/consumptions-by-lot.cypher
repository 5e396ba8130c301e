// Where lots were consumed: one row per CONSUMED_BY relationship.
// Parameters: $codes list of lot codes.   Example: :param codes => ['SALT-260302']
UNWIND $codes AS code
MATCH (:Lot {code: code})-[c:CONSUMED_BY]->(w:WorkOrder)
RETURN code AS lotCode, w.number AS workOrderNumber, c.quantity AS quantity, c.uom AS uom, c.at AS at
ORDER BY lotCode, at, workOrderNumber, quantity, uom
