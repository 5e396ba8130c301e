// Records a work order: what it consumed (CONSUMED_BY) and the new lots it produced (PRODUCED).
// Parameters: $number, $kind, $site, $completedAt (ISO date-time),
//   $inputs  [{lotCode, quantity, uom}],  $outputs [{lotCode, materialSku, quantity, uom, expiresAt}]
CREATE (w:WorkOrder {number: $number, kind: $kind, site: $site, completedAt: datetime($completedAt)})
WITH w
CALL (w) {
  UNWIND $inputs AS i
  MATCH (l:Lot {code: i.lotCode})
  CREATE (l)-[:CONSUMED_BY {quantity: i.quantity, uom: i.uom, at: w.completedAt}]->(w)
}
CALL (w) {
  UNWIND $outputs AS o
  MATCH (m:Material {sku: o.materialSku})
  CREATE (w)-[:PRODUCED {quantity: o.quantity, uom: o.uom, at: w.completedAt}]->
         (l:Lot {code: o.lotCode, quantity: o.quantity, uom: o.uom, status: 'AVAILABLE',
                 createdAt: w.completedAt, expiresAt: datetime(o.expiresAt)})-[:OF_MATERIAL]->(m)
}
RETURN w.number AS number
