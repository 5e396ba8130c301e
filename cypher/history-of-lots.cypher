// Lots' histories: what each recorded event did to the lot (its CONCERNS entries, with the entry's
// reason where it has one of its own, else the event's), oldest first (by
// the time it happened, then when it was recorded, event id and place in the event), a page at a
// time: from the concerns_lot_at index, so a lot with thousands of events reads only its page.
// Parameters: $requests [{request: a number the rows of this request come back with, code: lot code, after: the last entry of the previous page as
//   {at, recordedAt, eventId, seq}, or the start: {at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1}}],
//   $limit entries per lot
// Example: :params {requests: [{request: 0, code: 'SALT-260302', after: {at: '0001-01-01T00:00:00Z', recordedAt: '0001-01-01T00:00:00Z', eventId: '', seq: -1}}], limit: 51}
UNWIND $requests AS r
CALL (r) {
  MATCH (e:Event)-[c:CONCERNS]->(:Lot)
  WHERE c.lot = r.code AND c.at >= datetime(r.after.at)
    AND [c.at, e.recordedAt, e.id, c.seq] > [datetime(r.after.at), datetime(r.after.recordedAt), r.after.eventId, r.after.seq]
  WITH e, c
  ORDER BY c.lot, c.at, e.recordedAt, e.id, c.seq
  LIMIT toInteger($limit)
  RETURN e, c
}
RETURN r.request AS request, e.id AS eventId, c.seq AS seq, c.type AS type, toString(c.at) AS at,
       toString(e.recordedAt) AS recordedAt, e.actor AS actor, c.quantity AS quantity, c.location AS locationCode,
       c.fromLocation AS fromLocationCode, c.status AS status, coalesce(c.reason, e.reason) AS reason, c.reference AS reference
