// Bulk load: shipments, each with its SHIP_LOTS event and its lines, as ship-lots.cypher +
// create-event.cypher write for one. Rows must be new events.
// Parameters: $rows [{eventId, number, customerCode, shippedAt, referenceDocument, contentHash, payload,
//   lines: [{lotCode, quantity, uom}]}], $actor, $requestId
// Example:    :param rows => [{eventId: 'ev-sh-1', number: 'SH-1', customerCode: 'CUS-00001',
//               shippedAt: '2025-01-08T08:00:00.000Z', referenceDocument: null, contentHash: '…',
//               payload: '{…}', lines: [{lotCode: 'LOT-3', quantity: 40.0, uom: 'case'}]}]
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
