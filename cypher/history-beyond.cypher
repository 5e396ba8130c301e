// For pages of lots' histories: whether the lot has entries at or before $after (earlier: the page
// has a previous one) and at or after $before (later: it has a next one), each seeking the
// concerns_lot_at index and stopping at the first it finds, and how many entries the lot has in
// all (its count of CONCERNS, not a walk over them).
// Parameters: $requests [{request, code, after, before}] as history-of-lots.cypher.
// Example: :params {requests: [{request: 0, code: 'SALT-260302', after: {at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1},
//   before: {at: '9999-12-31T23:59:59Z', recordedAt: '9999-12-31T23:59:59Z', eventId: '', seq: -1}}]}
UNWIND $requests AS r
OPTIONAL MATCH (l:Lot {code: r.code})
RETURN r.request AS request,
       CASE WHEN l IS NULL THEN 0 ELSE COUNT { (l)<-[:CONCERNS]-() } END AS totalCount,
       EXISTS {
         MATCH (e:Event)-[c:CONCERNS]->(:Lot)
         WHERE c.lot = r.code AND c.at <= datetime(r.after.at)
           AND [c.at, e.recordedAt, e.id, c.seq] <= [datetime(r.after.at), datetime(r.after.recordedAt), r.after.eventId, r.after.seq]
       } AS earlier,
       EXISTS {
         MATCH (e:Event)-[c:CONCERNS]->(:Lot)
         WHERE c.lot = r.code AND c.at >= datetime(r.before.at)
           AND [c.at, e.recordedAt, e.id, c.seq] >= [datetime(r.before.at), datetime(r.before.recordedAt), r.before.eventId, r.before.seq]
       } AS later
