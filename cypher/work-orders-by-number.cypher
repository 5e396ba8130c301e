// Work orders by number.
// Parameters: $numbers list of work-order numbers.   Example: :param numbers => ['WO-2603-R01', 'WO-2603-RW01']
UNWIND $numbers AS number
MATCH (w:WorkOrder {number: number})
RETURN w.number AS number, w.kind AS kind, w.site AS site, w.completedAt AS completedAt
