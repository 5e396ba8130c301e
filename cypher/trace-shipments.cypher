// Every shipment line of the given lots, with its shipment and the customer it went to: who
// received traced product, and how much.
// Dates come back as text (toString), as the API returns them: many rows of driver temporals decode slowly.
// Parameters: $codes lot codes (the root and the traced lots)
// Example: :param codes => ['PB-JAR-0412', 'PB-JAR-0413']
UNWIND $codes AS code
MATCH (:Lot {code: code})-[s:SHIPPED_IN]->(sh:Shipment)-[:SHIPPED_TO]->(c:Customer)
RETURN code AS lotCode, sh.number AS shipmentNumber, s.quantity AS quantity, s.uom AS uom,
       sh {.number, shippedAt: toString(sh.shippedAt), .referenceDocument, customerCode: c.code} AS shipment,
       c {.code, .name, .gln, .contact} AS customer
ORDER BY lotCode, shipmentNumber
