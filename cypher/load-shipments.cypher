// Bulk load: shipments, each with its SHIP_LOTS event and its lines, as ship-lots.cypher +
// create-event.cypher write for one. Rows must be new events.
// Parameters: $rows [{eventId, number, customerCode, shippedAt, referenceDocument, contentHash, payload,
//   lines: [{lotCode, quantity, uom}]}], $actor, $requestId
// Example:    :params {actor: 'analyst', requestId: 'manual-1', rows: [{eventId: 'sh-2604-001',
//               number: 'SH-2604-001', customerCode: 'CUST-NEGD', shippedAt: '2026-04-01T15:00:00.000Z',
//               referenceDocument: 'BOL-2604-001', contentHash: '…', payload: '{…}',
//               lines: [{lotCode: 'PB-CR-260319', quantity: 40.0, uom: 'case'}]}]}
UNWIND $rows AS r
MATCH (c:Customer {code: r.customerCode})
CREATE (sh:Shipment {number: r.number, shippedAt: datetime(r.shippedAt), referenceDocument: r.referenceDocument})
CREATE (sh)-[:SHIPPED_TO]->(c)
CREATE (:Event {id: r.eventId, type: 'SHIP_LOTS', contentHash: r.contentHash, recordedAt: datetime(),
                actor: $actor, subject: r.number, payload: r.payload, reason: null, requestId: $requestId})
WITH sh, r
UNWIND r.lines AS line
MATCH (l:Lot {code: line.lotCode})
CREATE (l)-[:SHIPPED_IN {quantity: line.quantity, uom: line.uom}]->(sh)
RETURN count(*) AS created
