// Every shipment line of the given lots, with the shipments they are on and the customers those
// went to: who received traced product, and how much. One row: `lines` as [lotCode,
// shipmentNumber, quantity, uom] in lot then shipment order, and each shipment and customer once
// (not once per line: a hub's trace has tens of thousands of lines to a few thousand customers).
// Dates come back as text (toString), as the API returns them: many rows of driver temporals decode slowly.
// Parameters: $codes lot codes (the root and the traced lots)
// Example: :param codes => ['PB-JAR-0412', 'PB-JAR-0413']
UNWIND $codes AS code
MATCH (:Lot {code: code})-[s:SHIPPED_IN]->(sh:Shipment)
WITH code, s, sh
ORDER BY code, sh.number
WITH collect([code, sh.number, s.quantity, s.uom]) AS lines, collect(DISTINCT sh) AS shipped
CALL (shipped) {
  UNWIND shipped AS sh
  MATCH (sh)-[:SHIPPED_TO]->(c:Customer)
  RETURN collect(sh {.number, shippedAt: toString(sh.shippedAt), .referenceDocument, customerCode: c.code}) AS shipments,
         collect(DISTINCT c {.code, .name, .gln, .contact}) AS customers
}
RETURN lines, shipments, customers
