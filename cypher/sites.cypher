// Every site, by code.
// No parameters.   Example: :params {}
MATCH (s:Site)
RETURN s.code AS code, s.gln AS gln, s.name AS name, s.address AS address
ORDER BY code
