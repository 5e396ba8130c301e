// Creates or updates a location inside a site (master data: a warehouse, zone, line or bin), noting
// who changed it last and when. A location stays in the site it was created in (the service checks).
// Parameters: $code, $siteCode, $name, $actor (who made the change)
// Example: :params {code: 'MAIN-DOCK', siteCode: 'MAIN', name: 'Loading dock', actor: 'analyst'}
MATCH (site:Site {code: $siteCode})
MERGE (loc:Location {code: $code})
MERGE (loc)-[:IN_SITE]->(site)
SET loc.name = $name, loc.updatedBy = $actor, loc.updatedAt = datetime()
RETURN loc.code AS code, loc.name AS name, site.code AS siteCode
