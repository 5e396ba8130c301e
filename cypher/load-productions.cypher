// Bulk load, first half of a batch of work orders: each WorkOrder, its RECORD_PRODUCTION event and
// the lots it produced, as record-production.cypher + create-event.cypher write for one. The inputs
// follow in load-consumptions.cypher, in a second statement of the same transaction, so that a
// work order can consume a lot produced earlier in the same batch. Rows must be new events.
// Parameters: $rows [{eventId, number, kind, site, completedAt, contentHash, payload,
//   outputs: [{lotCode, materialSku, quantity, uom, expiresAt}]}], $actor, $requestId
// Example:    :params {actor: 'analyst', requestId: 'manual-1', rows: [{eventId: 'wo-2604-D01',
//               number: 'WO-2604-D01', kind: 'PRODUCTION', site: 'mixer-1', completedAt: '2026-04-02T09:00:00.000Z',
//               contentHash: '…', payload: '{…}', outputs: [{lotCode: 'DOUGH-PB-260402', materialSku: 'INT-DOUGH-PB',
//               quantity: 1000.0, uom: 'kg', expiresAt: null}]}]}
UNWIND $rows AS r
CREATE (w:WorkOrder {number: r.number, kind: r.kind, site: r.site, completedAt: datetime(r.completedAt)})
CREATE (:Event {id: r.eventId, type: 'RECORD_PRODUCTION', contentHash: r.contentHash, recordedAt: datetime(),
                actor: $actor, subject: r.number, payload: r.payload, reason: null, requestId: $requestId})
WITH w, r
UNWIND r.outputs AS o
MATCH (m:Material {sku: o.materialSku})
CREATE (w)-[:PRODUCED {quantity: o.quantity, uom: o.uom, at: w.completedAt}]->
       (l:Lot {code: o.lotCode, quantity: o.quantity, uom: o.uom, status: 'AVAILABLE',
               createdAt: w.completedAt, expiresAt: datetime(o.expiresAt)})-[:OF_MATERIAL]->(m)
RETURN count(*) AS created
