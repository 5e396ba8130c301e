// Lots' histories read backward: the entries before $before and after $after, newest first, a page
// at a time from the concerns_lot_at index (history-of-lots.cypher, from the other end).
// Parameters: as history-of-lots.cypher.
// Example: :params {requests: [{request: 0, code: 'SALT-260302', after: {at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1},
//   before: {at: '9999-12-31T23:59:59Z', recordedAt: '9999-12-31T23:59:59Z', eventId: '', seq: -1}}], limit: 3}
UNWIND $requests AS r
CALL (r) {
  MATCH (e:Event)-[c:CONCERNS]->(:Lot)
  WHERE c.lot = r.code AND c.at >= datetime(r.after.at) AND c.at <= datetime(r.before.at)
    AND [c.at, e.recordedAt, e.id, c.seq] > [datetime(r.after.at), datetime(r.after.recordedAt), r.after.eventId, r.after.seq]
    AND [c.at, e.recordedAt, e.id, c.seq] < [datetime(r.before.at), datetime(r.before.recordedAt), r.before.eventId, r.before.seq]
  WITH e, c
  ORDER BY c.lot DESC, c.at DESC, e.recordedAt DESC, e.id DESC, c.seq DESC
  LIMIT toInteger($limit)
  RETURN e, c
}
RETURN r.request AS request, c.lot AS lotCode, e.id AS eventId, c.seq AS seq, c.type AS type, toString(c.at) AS at,
       toString(e.recordedAt) AS recordedAt, e.actor AS actor, c.quantity AS quantity, c.location AS locationCode,
       c.fromLocation AS fromLocationCode, c.status AS status, coalesce(c.reason, e.reason) AS reason, c.reference AS reference
