// Bulk load: creates or updates locations in existing sites, as upsertLocation does for one (the
// loader checks first that none moves to another site), noting who changed them last and when.
// Returns how many were new and how many rows found their site (fewer: a site does not exist).
// Parameters: $rows [{code, siteCode, name}], $actor (who made the change)
// Example:    :params {actor: 'analyst', rows: [{code: 'WH-SOUTH-A2', siteCode: 'WH-SOUTH', name: 'Aisle 2'}]}
UNWIND $rows AS r
MATCH (site:Site {code: r.siteCode})
OPTIONAL MATCH (old:Location {code: r.code})
WITH r, site, old IS NULL AS isNew
MERGE (loc:Location {code: r.code})
MERGE (loc)-[:IN_SITE]->(site)
SET loc.name = r.name, loc.updatedBy = $actor, loc.updatedAt = datetime()
RETURN count(CASE WHEN isNew THEN 1 END) AS created, count(*) AS matched
