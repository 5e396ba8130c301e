// Records a received lot: the Lot, its material and the supplier it came from.
// Parameters: $lotCode, $materialSku, $quantity, $uom, $supplierCode, $supplierLotCode,
//   $receiptNumber, $receivedAt and $expiresAt (ISO date-times; expiresAt may be null)
MATCH (m:Material {sku: $materialSku}), (s:Supplier {code: $supplierCode})
CREATE (l:Lot {code: $lotCode, quantity: $quantity, uom: $uom, status: 'AVAILABLE',
               createdAt: datetime($receivedAt), expiresAt: datetime($expiresAt)})
CREATE (l)-[:OF_MATERIAL]->(m)
CREATE (l)-[:RECEIVED_FROM {receiptNumber: $receiptNumber, receivedAt: datetime($receivedAt),
                            quantity: $quantity, uom: $uom, supplierLotCode: $supplierLotCode}]->(s)
RETURN l.code AS code
