// Shipments and their lines, many at once (the bulk loader, and a run of shipments of a batch:
// src/core/events/record.ts), as ship-lots.cypher writes for one (their SHIP_LOTS events are written after them by
// record-lot-entries.cypher). Rows must be new events.
// Parameters: $rows [{number, customerCode, shippedAt, referenceDocument, lines: [{lotCode, quantity, uom}]}]
// Example:    :param rows => [{number: 'SH-2604-001', customerCode: 'CUST-NEGD', shippedAt: '2026-04-01T15:00:00.000Z',
//               referenceDocument: 'BOL-2604-001', lines: [{lotCode: 'PB-CR-260319', quantity: 40.0, uom: 'case'}]}]
UNWIND $rows AS r
MATCH (c:Customer {code: r.customerCode})
CREATE (sh:Shipment {number: r.number, shippedAt: datetime(r.shippedAt), referenceDocument: r.referenceDocument})
CREATE (sh)-[:SHIPPED_TO]->(c)
WITH sh, r
UNWIND r.lines AS line
MATCH (l:Lot {code: line.lotCode})
CREATE (l)-[:SHIPPED_IN {quantity: line.quantity, uom: line.uom}]->(sh)
RETURN count(*) AS created
