// A page of what sits at a location, lot by lot in code order (the stocked_at_location_lot index
// gives that order: no sort, however many lots sit there), and how many lots sit there in all.
// Parameters: $location location code, $after lot code to start after ('' for the first page),
//   $limit lots to return
// Example: :params {location: 'MAIN-STORE', after: '', limit: 51}
MATCH (l:Lot)-[s:STOCKED_AT]->(:Location)
WHERE s.location = $location AND s.lot > $after
RETURN s.lot AS lotCode, s.location AS locationCode, s.quantity AS quantity, l.uom AS uom
ORDER BY s.location, s.lot
LIMIT toInteger($limit)
