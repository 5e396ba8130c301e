// Creates or updates a customer (master data), noting who changed it last and when.
// Parameters: $code, $name, $gln, $contact, $actor (who made the change)
MERGE (c:Customer {code: $code})
SET c.name = $name, c.gln = $gln, c.contact = $contact,
    c.updatedBy = $actor, c.updatedAt = datetime()
RETURN c.code AS code, c.name AS name, c.gln AS gln, c.contact AS contact
