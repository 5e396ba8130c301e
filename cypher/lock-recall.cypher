// Takes the write lock of a recall (setting and removing a marker property changes nothing), so
// that responses to it and its closing run one after the other, each seeing what the last left.
// Parameters: $recallId
// Example: :param recallId => 'DRILL-2026-03-COCOA'
MATCH (r:Recall {id: $recallId})
SET r._lock = true
REMOVE r._lock
RETURN r.id AS recallId, r.state AS state, toString(r.closedAt) AS closedAt
