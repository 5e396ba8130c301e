// Lots' histories: what each recorded event did to the lot (its CONCERNS entries, with the entry's
// reason where it has one of its own, else the event's), oldest first (by
// the time it happened, then when it was recorded, event id and place in the event), a page at a
// time: the entries after $after and before $before, from the concerns_lot_at index, so a lot with
// thousands of events reads only its page. history-of-lots-backward.cypher reads from the other end.
// Parameters: $requests [{request: a number the rows of this request come back with, code: lot code,
//   after, before: entries' places {at, recordedAt, eventId, seq}, the window between them (the start:
//   {at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1}, the end: the same in 9999-12-31T23:59:59Z)}],
//   $limit entries per lot
// Example: :params {requests: [{request: 0, code: 'SALT-260302', after: {at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1},
//   before: {at: '9999-12-31T23:59:59Z', recordedAt: '9999-12-31T23:59:59Z', eventId: '', seq: -1}}], limit: 51}
UNWIND $requests AS r
CALL (r) {
  MATCH (e:Event)-[c:CONCERNS]->(:Lot)
  WHERE c.lot = r.code AND c.at >= datetime(r.after.at) AND c.at <= datetime(r.before.at)
    AND [c.at, e.recordedAt, e.id, c.seq] > [datetime(r.after.at), datetime(r.after.recordedAt), r.after.eventId, r.after.seq]
    AND [c.at, e.recordedAt, e.id, c.seq] < [datetime(r.before.at), datetime(r.before.recordedAt), r.before.eventId, r.before.seq]
  WITH e, c
  ORDER BY c.lot, c.at, e.recordedAt, e.id, c.seq
  LIMIT toInteger($limit)
  RETURN e, c
}
RETURN r.request AS request, c.lot AS lotCode, e.id AS eventId, c.seq AS seq, c.type AS type, toString(c.at) AS at,
       toString(e.recordedAt) AS recordedAt, e.actor AS actor, c.quantity AS quantity, c.location AS locationCode,
       c.fromLocation AS fromLocationCode, c.status AS status, coalesce(c.reason, e.reason) AS reason, c.reference AS reference
