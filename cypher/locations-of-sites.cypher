// The locations of sites, by site then location code.
// Parameters: $codes site codes.   Example: :param codes => ['MAIN']
UNWIND $codes AS code
MATCH (site:Site {code: code})<-[:IN_SITE]-(loc:Location)
RETURN loc.code AS code, loc.name AS name, site.code AS siteCode
ORDER BY siteCode, code
