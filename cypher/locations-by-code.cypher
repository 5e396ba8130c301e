// Locations by code, with the site each is in.
// Parameters: $codes location codes.   Example: :param codes => ['MAIN-STORE']
UNWIND $codes AS code
MATCH (loc:Location {code: code})-[:IN_SITE]->(site:Site)
RETURN loc.code AS code, loc.name AS name, site.code AS siteCode
