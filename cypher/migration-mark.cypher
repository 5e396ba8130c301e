// Records how far a data migration got (src/db/migrate.ts): the last lot and event it handled, or
// that it is complete, so that a restart goes on from there or does nothing.
// Parameters: $name, $lotsAfter, $eventsAfter (null: unchanged), $completed
// Example: :params {name: 'locations-and-history', lotsAfter: null, eventsAfter: 'demo:receive:SALT-260302', completed: false}
MATCH (m:Migration {name: $name})
SET m.lotsAfter = coalesce($lotsAfter, m.lotsAfter), m.eventsAfter = coalesce($eventsAfter, m.eventsAfter),
    m.completedAt = CASE WHEN $completed THEN datetime() ELSE m.completedAt END
RETURN m.name AS name
