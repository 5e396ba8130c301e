// Whether lots sit at a location outside a page's window: at or before $after (earlier: the page
// has a previous one) and at or after $before (later: it has a next one). Each seeks the
// stocked_at_location_lot index and stops at the first it finds.
// Parameters: $location location code, $after lot code ('' asks nothing), $before lot code (null asks nothing)
// Example: :params {location: 'MAIN-STORE', after: 'PASTE-260304', before: 'SALT-260302'}
RETURN EXISTS {
         MATCH ()-[s:STOCKED_AT]->()
         WHERE s.location = $location AND s.lot <= $after
       } AS earlier,
       EXISTS {
         MATCH ()-[s:STOCKED_AT]->()
         WHERE s.location = $location AND s.lot >= $before
       } AS later
