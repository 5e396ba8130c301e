// What work orders produced: one row per PRODUCED relationship.
// Parameters: $numbers list of work-order numbers.   Example: :param numbers => ['WO-2603-S01']
UNWIND $numbers AS number
MATCH (:WorkOrder {number: number})-[p:PRODUCED]->(l:Lot)
RETURN l.code AS lotCode, number AS workOrderNumber, p.quantity AS quantity, p.uom AS uom, p.at AS at
ORDER BY workOrderNumber, lotCode
