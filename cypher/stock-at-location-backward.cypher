// A page of what sits at a location, backward: the lots before $before (a lot code), after
// $after, nearest first. stock-at-location-last.cypher is the same without $before: each seeks
// the stocked_at_location_lot index from the end of its window, so a page reads only what it returns.
// Quantities to a thousandth (QUANTITY_DECIMALS, src/core/quantity.ts): the kept running totals add doubles.
// Parameters: as stock-at-location.cypher, $before required.
// Example: :params {location: 'MAIN-STORE', after: '', before: 'SALT-260302', limit: 3}
MATCH (l:Lot)-[s:STOCKED_AT]->(:Location)
WHERE s.location = $location AND s.lot < $before AND s.lot > $after
RETURN s.lot AS lotCode, s.location AS locationCode, round(s.quantity, 3) AS quantity, l.uom AS uom
ORDER BY s.location DESC, s.lot DESC
LIMIT toInteger($limit)
