// Every shipment that carried any of the given lots: the shipment, the customer it went to, and
// its lines of those lots as [lotCode, quantity, uom]: who received traced product, and how much.
// One row per shipment, not per line (a hub's trace has tens of thousands of lines).
// Dates come back as text (toString), as the API returns them: many rows of driver temporals decode slowly.
// Parameters: $codes lot codes (the root and the traced lots)
// Example: :param codes => ['PB-CR-260305', 'PB-CR-260312']
UNWIND $codes AS code
MATCH (:Lot {code: code})-[s:SHIPPED_IN]->(sh:Shipment)
WITH sh, collect([code, s.quantity, s.uom]) AS lines
MATCH (sh)-[:SHIPPED_TO]->(c:Customer)
RETURN sh {.number, shippedAt: toString(sh.shippedAt), .referenceDocument, customerCode: c.code} AS shipment,
       c {.code, .name, .gln, .contact} AS customer, lines
