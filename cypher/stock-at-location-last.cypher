// A page of what sits at a location, backward from its last lot in code order: stock(last: n),
// after $after, nearest the end first.
// Quantities to a thousandth (QUANTITY_DECIMALS, src/core/quantity.ts): the kept running totals add doubles.
// Parameters: as stock-at-location.cypher, without $before.
// Example: :params {location: 'MAIN-STORE', after: '', limit: 3}
MATCH (l:Lot)-[s:STOCKED_AT]->(:Location)
WHERE s.location = $location AND s.lot > $after
RETURN s.lot AS lotCode, s.location AS locationCode, round(s.quantity, 3) AS quantity, l.uom AS uom
ORDER BY s.location DESC, s.lot DESC
LIMIT toInteger($limit)
