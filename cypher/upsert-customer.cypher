// Creates or updates a customer (master data).
// Parameters: $code, $name, $gln, $contact
MERGE (c:Customer {code: $code})
SET c.name = $name, c.gln = $gln, c.contact = $contact
RETURN c.code AS code, c.name AS name, c.gln AS gln, c.contact AS contact
