// Work orders many at once, second half (after load-productions.cypher): what each
// consumed, as CONSUMED_BY relationships stamped with the work order's completion time.
// Parameters: $rows [{number, inputs: [{lotCode, quantity, uom}]}]
// Example:    :param rows => [{number: 'WO-2603-P03', inputs: [{lotCode: 'SUGAR-260316', quantity: 100.0, uom: 'kg'}]}]
UNWIND $rows AS r
MATCH (w:WorkOrder {number: r.number})
UNWIND r.inputs AS i
MATCH (l:Lot {code: i.lotCode})
CREATE (l)-[:CONSUMED_BY {quantity: i.quantity, uom: i.uom, at: w.completedAt}]->(w)
RETURN count(*) AS created
