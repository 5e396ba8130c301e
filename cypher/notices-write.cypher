// Live updates across processes (src/core/shared-notices.ts): the notifications one
// process's services told after a write committed, for the other processes to read (notices-since).
// Kept minutes, not for good (notices-prune): the record of what happened is the events.
// Parameters: $origin the writing process's id, $notices [{id, seq, topic, payload}] (seq: its place among the
// process's notices, as one write's share one time; payload: the notification as JSON)
// Example: :params {origin: 'api-1', notices: [{id: 'n-1', seq: 0, topic: 'lotStatusChanged', payload: '{"code":"PB-CR-260305","from":"AVAILABLE","to":"ON_HOLD"}'}]}
UNWIND $notices AS n
CREATE (:Notice {id: n.id, seq: n.seq, origin: $origin, topic: n.topic, payload: n.payload, at: datetime()})
RETURN count(*) AS written
