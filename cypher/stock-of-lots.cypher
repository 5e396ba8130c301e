// Where lots sit now: their quantity at each location (only what is there: a location a lot has
// left holds no STOCKED_AT), by lot then location.
// Quantities to a thousandth (QUANTITY_DECIMALS, src/core/quantity.ts): the kept running totals add doubles.
// Parameters: $codes lot codes
// Example: :param codes => ['PASTE-260304', 'SALT-260302']
UNWIND $codes AS code
MATCH (l:Lot {code: code})-[s:STOCKED_AT]->(loc:Location)
RETURN l.code AS lotCode, loc.code AS locationCode, round(s.quantity, 3) AS quantity, l.uom AS uom
ORDER BY lotCode, locationCode
