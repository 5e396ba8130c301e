// Bulk load: creates or updates sites, as upsertSite does for one (bypassing its checks), noting who
// changed them last and when.
// Parameters: $rows [{code, name, gln, address}], $actor (who made the change)
// Example:    :params {actor: 'analyst', rows: [{code: 'DC-NORTH', name: 'North distribution centre', gln: null, address: '7 Harbour Rd, Springfield'}]}
UNWIND $rows AS r
OPTIONAL MATCH (old:Site {code: r.code})
WITH r, old IS NULL AS isNew
MERGE (s:Site {code: r.code})
SET s.name = r.name, s.gln = r.gln, s.address = r.address, s.updatedBy = $actor, s.updatedAt = datetime()
RETURN count(CASE WHEN isNew THEN 1 END) AS created
