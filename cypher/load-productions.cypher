// Work orders many at once (the bulk loader, and a run of work orders of a batch:
// src/core/events/record.ts), first half: each WorkOrder and the lots it produced, as
// record-production.cypher writes for one (their RECORD_PRODUCTION events are written after them by
// record-lot-entries.cypher). The inputs follow in load-consumptions.cypher, in a second statement of
// the same transaction, so that a work order can consume a lot produced earlier in the same batch.
// Rows must be new events.
// Parameters: $rows [{number, kind, site, completedAt, outputs: [{lotCode, materialSku, quantity, uom, expiresAt}]}]
// Example:    :param rows => [{number: 'WO-2604-D01', kind: 'PRODUCTION', site: 'mixer-1',
//               completedAt: '2026-04-02T09:00:00.000Z', outputs: [{lotCode: 'DOUGH-PB-260402',
//               materialSku: 'INT-DOUGH-PB', quantity: 1000.0, uom: 'kg', expiresAt: null}]}]
UNWIND $rows AS r
CREATE (w:WorkOrder {number: r.number, kind: r.kind, site: r.site, completedAt: datetime(r.completedAt)})
WITH w, r
UNWIND r.outputs AS o
MATCH (m:Material {sku: o.materialSku})
CREATE (w)-[:PRODUCED {quantity: o.quantity, uom: o.uom, at: w.completedAt}]->
       (l:Lot {code: o.lotCode, quantity: o.quantity, uom: o.uom, status: 'AVAILABLE',
               createdAt: w.completedAt, expiresAt: datetime(o.expiresAt)})-[:OF_MATERIAL]->(m)
RETURN count(*) AS created
