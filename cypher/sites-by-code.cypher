// Sites by code.
// Parameters: $codes site codes.   Example: :param codes => ['MAIN']
UNWIND $codes AS code
MATCH (s:Site {code: code})
RETURN s.code AS code, s.gln AS gln, s.name AS name, s.address AS address
