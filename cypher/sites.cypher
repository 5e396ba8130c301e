// Every site, by code.
// No parameters.
MATCH (s:Site)
RETURN s.code AS code, s.gln AS gln, s.name AS name, s.address AS address
ORDER BY code
