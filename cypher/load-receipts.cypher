// Received lots, many at once (the bulk loader, and a run of receipts of a batch: src/core/events/record.ts);
// the same nodes, relationships and properties as receive-lot.cypher writes for one (their
// RECEIVE_LOT events are written after them by record-lot-entries.cypher). Rows must be new events.
// Parameters: $rows [{lotCode, materialSku, quantity, uom, supplierCode, supplierLotCode,
//   receiptNumber, receivedAt, expiresAt}]
// Example:    :param rows => [{lotCode: 'SALT-260401', materialSku: 'RAW-SALT', quantity: 500.0, uom: 'kg',
//               supplierCode: 'SUP-SALT', supplierLotCode: 'BSW-2603-30', receiptNumber: 'RCV-4480',
//               receivedAt: '2026-04-01T08:00:00.000Z', expiresAt: null}]
UNWIND $rows AS r
MATCH (m:Material {sku: r.materialSku}), (s:Supplier {code: r.supplierCode})
CREATE (l:Lot {code: r.lotCode, quantity: r.quantity, uom: r.uom, status: 'AVAILABLE',
               createdAt: datetime(r.receivedAt), expiresAt: datetime(r.expiresAt)})
CREATE (l)-[:OF_MATERIAL]->(m)
CREATE (l)-[:RECEIVED_FROM {receiptNumber: r.receiptNumber, receivedAt: datetime(r.receivedAt),
                            quantity: r.quantity, uom: r.uom, supplierLotCode: r.supplierLotCode}]->(s)
RETURN count(*) AS created
