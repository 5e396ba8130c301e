// Shipments by number, with the customer they went to.
// Parameters: $numbers list of shipment numbers.   Example: :param numbers => ['SH-2603-024']
UNWIND $numbers AS number
MATCH (sh:Shipment {number: number})-[:SHIPPED_TO]->(c:Customer)
RETURN sh.number AS number, sh.shippedAt AS shippedAt, sh.referenceDocument AS referenceDocument,
       c.code AS customerCode
