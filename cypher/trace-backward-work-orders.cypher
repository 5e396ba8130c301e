// The work orders of a BACKWARD trace: those that produced any of the given lots, each with all
// its inputs (with whether the input's material is PACKAGING) and all its outputs, in lot-code order.
// Dates come back as text (toString), as the API returns them: many rows of driver temporals decode slowly.
// Parameters: $codes lot codes (the root and the traced lots above the depth limit)
// Example: :param codes => ['CK-PB-260305', 'DOUGH-PB-260305']
UNWIND $codes AS code
MATCH (w:WorkOrder)-[:PRODUCED]->(:Lot {code: code})
WITH DISTINCT w
RETURN w.number AS number, w.kind AS kind, w.site AS site, toString(w.completedAt) AS completedAt,
       COLLECT {
         MATCH (l:Lot)-[c:CONSUMED_BY]->(w)
         MATCH (l)-[:OF_MATERIAL]->(m:Material)
         RETURN {lotCode: l.code, workOrderNumber: w.number, quantity: c.quantity, uom: c.uom, at: toString(c.at),
                 packaging: m.kind = 'PACKAGING'} AS input
         ORDER BY input.lotCode
       } AS inputs,
       COLLECT {
         MATCH (w)-[o:PRODUCED]->(l:Lot)
         RETURN {lotCode: l.code, workOrderNumber: w.number, quantity: o.quantity, uom: o.uom, at: toString(o.at)} AS output
         ORDER BY output.lotCode
       } AS outputs
ORDER BY number
