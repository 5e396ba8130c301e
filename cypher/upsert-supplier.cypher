// Creates or updates a supplier (master data), noting who changed it last and when.
// Parameters: $code, $name, $gln, $actor (who made the change)
MERGE (s:Supplier {code: $code})
SET s.name = $name, s.gln = $gln,
    s.updatedBy = $actor, s.updatedAt = datetime()
RETURN s.code AS code, s.name AS name, s.gln AS gln
