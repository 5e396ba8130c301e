// Data migration to sites and locations, part 2 (src/db/migrate.ts): the next events in id order
// after $after, with their content, whether they have their lot entries (CONCERNS) already and
// whether an error declaration reversed them; the migration links the others to their lots.
// Parameters: $after event id ('' to start), $limit events per batch
// Example: :params {after: '', limit: 2000}
MATCH (e:Event) WHERE e.id > $after
WITH e ORDER BY e.id LIMIT toInteger($limit)
RETURN e.id AS id, e.type AS type, e.payload AS payload,
       EXISTS { (e)-[:CONCERNS]->() } AS linked, EXISTS { (:Event)-[:REVERSES]->(e) } AS reversed
