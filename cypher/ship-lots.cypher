// Records a shipment to a customer and the lots it carried (SHIPPED_IN, one per line).
// Parameters: $number, $customerCode, $shippedAt (ISO date-time), $referenceDocument,
//   $lines [{lotCode, quantity, uom}]
MATCH (c:Customer {code: $customerCode})
CREATE (sh:Shipment {number: $number, shippedAt: datetime($shippedAt), referenceDocument: $referenceDocument})
CREATE (sh)-[:SHIPPED_TO]->(c)
WITH sh
CALL (sh) {
  UNWIND $lines AS line
  MATCH (l:Lot {code: line.lotCode})
  CREATE (l)-[:SHIPPED_IN {quantity: line.quantity, uom: line.uom}]->(sh)
}
RETURN sh.number AS number
