// What work orders consumed: one row per CONSUMED_BY relationship.
// Parameters: $numbers list of work-order numbers.   Example: :param numbers => ['WO-2603-P01']
UNWIND $numbers AS number
MATCH (l:Lot)-[c:CONSUMED_BY]->(:WorkOrder {number: number})
RETURN l.code AS lotCode, number AS workOrderNumber, c.quantity AS quantity, c.uom AS uom, c.at AS at
ORDER BY workOrderNumber, lotCode, quantity, uom
