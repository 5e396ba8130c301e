// Creates or updates a site (master data: a plant, warehouse or co-packer of this company), noting who
// changed it last and when.
// Parameters: $code, $name, $gln, $address, $actor (who made the change)
// Example: :params {code: 'WH-EAST', name: 'East warehouse', gln: null, address: 'East warehouse, 12 Dock Rd, Springfield', actor: 'analyst'}
MERGE (s:Site {code: $code})
SET s.name = $name, s.gln = $gln, s.address = $address,
    s.updatedBy = $actor, s.updatedAt = datetime()
RETURN s.code AS code, s.gln AS gln, s.name AS name, s.address AS address
