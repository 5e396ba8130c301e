// Work orders by number.
// Parameters: $numbers list of work-order numbers.   Example: :param numbers => ['WO-ROAST-0301']
UNWIND $numbers AS number
MATCH (w:WorkOrder {number: number})
RETURN w.number AS number, w.kind AS kind, w.site AS site, w.completedAt AS completedAt
