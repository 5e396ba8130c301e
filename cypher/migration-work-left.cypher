// How many lots and events come after a lot code and an event id: the data migration's work left
// (src/db/migrate.ts), for its progress.
// Parameters: $lotsAfter, $eventsAfter.   Example: :params {lotsAfter: '', eventsAfter: ''}
CALL () { MATCH (l:Lot) WHERE l.code > $lotsAfter RETURN count(l) AS lots }
CALL () { MATCH (e:Event) WHERE e.id > $eventsAfter RETURN count(e) AS events }
RETURN lots, events
