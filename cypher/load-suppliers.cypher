// Bulk load: creates or updates suppliers, as upsertSupplier does for one.
// Parameters: $rows [{code, name, gln}]
// Example:    :param rows => [{code: 'SUP-HONEY', name: 'Blue Hill Apiaries', gln: null}]
UNWIND $rows AS r
OPTIONAL MATCH (old:Supplier {code: r.code})
WITH r, old IS NULL AS isNew
MERGE (s:Supplier {code: r.code})
SET s.name = r.name, s.gln = r.gln
RETURN count(CASE WHEN isNew THEN 1 END) AS created
