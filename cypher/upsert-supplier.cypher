// Creates or updates a supplier (master data).
// Parameters: $code, $name, $gln
MERGE (s:Supplier {code: $code})
SET s.name = $name, s.gln = $gln
RETURN s.code AS code, s.name AS name, s.gln AS gln
