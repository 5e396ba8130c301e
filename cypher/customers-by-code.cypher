// Customers by code.
// Parameters: $codes list of customer codes.   Example: :param codes => ['CUST-NEGD', 'CUST-SEFD']
UNWIND $codes AS code
MATCH (c:Customer {code: code})
RETURN c.code AS code, c.name AS name, c.gln AS gln, c.contact AS contact
