// The default site and location (LOTGRAPH_DEFAULT_SITE, LOTGRAPH_DEFAULT_LOCATION), created when
// missing, at every start (src/db/migrate.ts): where receipts and productions that name no location
// put their quantity. What exists is left as it is (upsertSite and upsertLocation change it).
// Parameters: $site, $siteName, $address, $gln, $location, $locationName
// Example: :params {site: 'MAIN', siteName: 'Main site', address: 'Peanut Lane Foods, 1 Mill Rd, Springfield', gln: null,
//   location: 'MAIN-STORE', locationName: 'Main store'}
MERGE (site:Site {code: $site})
ON CREATE SET site.name = $siteName, site.address = $address, site.gln = $gln, site.updatedBy = 'migration', site.updatedAt = datetime()
MERGE (loc:Location {code: $location})
ON CREATE SET loc.name = $locationName, loc.updatedBy = 'migration', loc.updatedAt = datetime()
WITH site, loc
CALL (site, loc) {
  WITH site, loc WHERE NOT EXISTS { (loc)-[:IN_SITE]->(:Site) }
  CREATE (loc)-[:IN_SITE]->(site)
}
RETURN loc.code AS location, [(loc)-[:IN_SITE]->(s:Site) | s.code][0] AS site
