// A data migration's marker (src/db/migrate.ts), created when missing and locked for the rest of
// the transaction, so that two processes starting at once run its batches one after the other,
// each going on from where the other stopped: how far it got, and whether it is complete.
// Parameters: $name.   Example: :param name => 'locations-and-history'
MERGE (m:Migration {name: $name})
ON CREATE SET m.startedAt = datetime()
SET m._lock = true
REMOVE m._lock
RETURN m.completedAt IS NOT NULL AS completed, coalesce(m.lotsAfter, '') AS lotsAfter, coalesce(m.eventsAfter, '') AS eventsAfter
