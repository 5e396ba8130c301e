// Creates or updates a location inside a site (master data: a warehouse, zone, line or bin), noting
// who changed it last and when. A location stays in the site it was created in: when it is in
// another, nothing is written and inSite names that site (the service refuses). The MERGE waits for
// a concurrent creation of the same code, so two creations in two sites cannot both succeed.
// Parameters: $code, $siteCode, $name, $actor (who made the change)
// Example: :params {code: 'MAIN-DOCK', siteCode: 'MAIN', name: 'Loading dock', actor: 'analyst'}
MATCH (site:Site {code: $siteCode})
MERGE (loc:Location {code: $code})
WITH site, loc, [(loc)-[:IN_SITE]->(other) WHERE other <> site | other.code] AS elsewhere
CALL (site, loc, elsewhere) {
  WITH site, loc WHERE size(elsewhere) = 0
  MERGE (loc)-[:IN_SITE]->(site)
  SET loc.name = $name, loc.updatedBy = $actor, loc.updatedAt = datetime()
}
RETURN loc.code AS code, loc.name AS name, site.code AS siteCode, elsewhere[0] AS inSite
