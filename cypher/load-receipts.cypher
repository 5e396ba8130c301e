// Bulk load: received lots, each with its RECEIVE_LOT event; the same nodes, relationships and
// properties as receive-lot.cypher + create-event.cypher write for one. Rows must be new events.
// Parameters: $rows [{eventId, lotCode, materialSku, quantity, uom, supplierCode, supplierLotCode,
//   receiptNumber, receivedAt, expiresAt, contentHash, payload}], $actor, $requestId
// Example:    :params {actor: 'analyst', requestId: 'manual-1', rows: [{eventId: 'rcv-2026-04-01-salt',
//               lotCode: 'SALT-260401', materialSku: 'RAW-SALT', quantity: 500.0, uom: 'kg', supplierCode: 'SUP-SALT',
//               supplierLotCode: 'BSW-2603-30', receiptNumber: 'RCV-4480', receivedAt: '2026-04-01T08:00:00.000Z',
//               expiresAt: null, contentHash: '…', payload: '{…}'}]}
UNWIND $rows AS r
MATCH (m:Material {sku: r.materialSku}), (s:Supplier {code: r.supplierCode})
CREATE (l:Lot {code: r.lotCode, quantity: r.quantity, uom: r.uom, status: 'AVAILABLE',
               createdAt: datetime(r.receivedAt), expiresAt: datetime(r.expiresAt)})
CREATE (l)-[:OF_MATERIAL]->(m)
CREATE (l)-[:RECEIVED_FROM {receiptNumber: r.receiptNumber, receivedAt: datetime(r.receivedAt),
                            quantity: r.quantity, uom: r.uom, supplierLotCode: r.supplierLotCode}]->(s)
CREATE (:Event {id: r.eventId, type: 'RECEIVE_LOT', contentHash: r.contentHash, recordedAt: datetime(),
                actor: $actor, subject: r.lotCode, payload: r.payload, reason: null, requestId: $requestId})
RETURN count(*) AS created
