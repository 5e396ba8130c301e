// The ids of the recall cases and mock recalls matching a filter, newest first (by opening time,
// then id; the opening time to the millisecond, which the list's cursors carry): the list recalls(...) pages. A plant opens a few a year, drills included.
// Parameters (null = no filter): $state OPEN or CLOSED, $drill true or false
// Example: :params {state: 'OPEN', drill: true}
MATCH (r:Recall)
WHERE ($state IS NULL OR r.state = $state)
  AND ($drill IS NULL OR r.drill = $drill)
RETURN r.id AS recallId, r.openedAt.epochMillis AS openedMs
ORDER BY openedMs DESC, recallId
