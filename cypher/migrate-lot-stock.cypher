// Data migration to sites and locations, part 1 (src/db/migrate.ts): the next lots in code order
// after $after; each with something on hand (received or produced, less consumed and shipped, plus
// adjustments) and no stock anywhere yet gets its on-hand at the default location. Lots that have
// stock already (placed by an earlier run, or recorded since) are left as they are, and so is a lot
// whose quantities are not numbers (outside data the API never writes): no on-hand to place.
// Parameters: $after lot code ('' to start), $limit lots per batch, $location the default location's code
// Example: :params {after: '', limit: 5000, location: 'MAIN-STORE'}
MATCH (l:Lot) WHERE l.code > $after
WITH l ORDER BY l.code LIMIT toInteger($limit)
WITH collect(l) AS lots
CALL (lots) {
  UNWIND lots AS l
  WITH l, toFloatOrNull(l.quantity) AS quantity,
       [q IN [(l)-[c:CONSUMED_BY]->() | c.quantity] + [(l)-[x:SHIPPED_IN]->() | x.quantity] | toFloatOrNull(q)] AS taken
  WITH l, CASE WHEN quantity IS NULL OR any(q IN taken WHERE q IS NULL) THEN null
               ELSE quantity + coalesce(toFloatOrNull(l.adjusted), 0.0) - reduce(t = 0.0, q IN taken | t + q) END AS onHand
  WHERE onHand >= 0.0005
    AND NOT EXISTS { (l)-[:STOCKED_AT]->() }
  MATCH (loc:Location {code: $location})
  CREATE (l)-[:STOCKED_AT {lot: l.code, location: loc.code, quantity: onHand}]->(loc)
  RETURN count(*) AS placed
}
RETURN size(lots) AS lots, placed, CASE WHEN size(lots) > 0 THEN lots[-1].code ELSE null END AS last
