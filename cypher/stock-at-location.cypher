// A page of what sits at a location, lot by lot in code order, forward: the lots after $after, up
// to $before if given (the stocked_at_location_lot index gives that order: no sort, however many
// lots sit there). stock-at-location-backward.cypher and stock-at-location-last.cypher read from
// the other end.
// Quantities to a thousandth (QUANTITY_DECIMALS, src/core/quantity.ts): the kept running totals add doubles.
// Parameters: $location location code, $after lot code to start after ('' for the first page),
//   $before lot code the page stops before (null: none), $limit page size + 1 (the extra row says
//   whether there is a next page)
// Example: :params {location: 'MAIN-STORE', after: '', before: null, limit: 51}
MATCH (l:Lot)-[s:STOCKED_AT]->(:Location)
WHERE s.location = $location AND s.lot > $after
  AND ($before IS NULL OR s.lot < $before)
RETURN s.lot AS lotCode, s.location AS locationCode, round(s.quantity, 3) AS quantity, l.uom AS uom
ORDER BY s.location, s.lot
LIMIT toInteger($limit)
