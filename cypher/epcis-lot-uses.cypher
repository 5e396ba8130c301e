// EPCIS import of error declarations: what has happened to lots since they were created, which
// stops their creation (a receipt, a work order) from being reversed: their status, the work
// orders that consumed them, the shipments that carried them.
// Parameters: $codes lot codes
// Example: :param codes => ['SALT-260302']
UNWIND $codes AS code
MATCH (l:Lot {code: code})
RETURN l.code AS code, l.status AS status,
       [(l)-[:CONSUMED_BY]->(w:WorkOrder) | w.number] AS consumedBy,
       [(l)-[:SHIPPED_IN]->(s:Shipment) | s.number] AS shippedIn
ORDER BY code
