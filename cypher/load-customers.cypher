// Bulk load: creates or updates customers, as upsertCustomer does for one, noting who changed them
// last and when.
// Parameters: $rows [{code, name, gln, contact}], $actor (who made the change)
// Example:    :params {actor: 'analyst', rows: [{code: 'CUST-HILL', name: 'Hilltop Market', gln: null, contact: 'orders@hilltop.example'}]}
UNWIND $rows AS r
OPTIONAL MATCH (old:Customer {code: r.code})
WITH r, old IS NULL AS isNew
MERGE (c:Customer {code: r.code})
SET c.name = r.name, c.gln = r.gln, c.contact = r.contact, c.updatedBy = $actor, c.updatedAt = datetime()
RETURN count(CASE WHEN isNew THEN 1 END) AS created
