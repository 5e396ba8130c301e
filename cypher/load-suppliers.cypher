// Bulk load: creates or updates suppliers, as upsertSupplier does for one, noting who changed them
// last and when.
// Parameters: $rows [{code, name, gln}], $actor (who made the change)
// Example:    :params {actor: 'analyst', rows: [{code: 'SUP-HONEY', name: 'Blue Hill Apiaries', gln: null}]}
UNWIND $rows AS r
OPTIONAL MATCH (old:Supplier {code: r.code})
WITH r, old IS NULL AS isNew
MERGE (s:Supplier {code: r.code})
SET s.name = r.name, s.gln = r.gln, s.updatedBy = $actor, s.updatedAt = datetime()
RETURN count(CASE WHEN isNew THEN 1 END) AS created
