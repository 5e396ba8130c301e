// Recorded events and what they did to lots: first the events' Event nodes ($events: the only
// statement that creates them; none when the entries are of events written before),
// each with REVERSES to the event it reverses, if any (an EPCIS error declaration); then each entry
// becomes (:Event)-[:CONCERNS]->(:Lot), the lot's history (Lot.history reads it), and each move
// changes the lot's stock at a location ((:Lot)-[:STOCKED_AT {quantity}]->(:Location)), which goes
// when nothing is left there (within rounding). Both carry the lot's code (and STOCKED_AT the
// location's) for the indexes that page a lot's history and a location's stock. Written by the
// event recorder (src/core/events/record.ts), after the events' own writes (which make their lots),
// and the bulk loader; the moves are the entries' stock changes, one per lot and location, in
// lot-code order (src/core/stock/stock.ts, stockMoves).
// Returns how many CONCERNS were created and by how many the STOCKED_AT relationships grew.
// Parameters: $events [{id, type, contentHash, subject, payload, reason, reverses (an event id or null)}],
//   $actor, $requestId (of the request that recorded them), $entries [{event, seq, lotCode, type, at (ISO or null: the event's recordedAt),
//   quantity, location, fromLocation, status, reference, reason (null: the event's own)}], $moves [{lotCode, location, delta}]
// Example: :params {events: [], actor: null, requestId: null, entries: [{event: 'demo:receive:SALT-260302', seq: 0, lotCode: 'SALT-260302', type: 'RECEIVED',
//   at: '2026-03-02T08:00:00Z', quantity: 500.0, location: 'MAIN-STORE', fromLocation: null, status: null, reference: 'RCV-4410', reason: null}],
//   moves: [{lotCode: 'SALT-260302', location: 'MAIN-STORE', delta: 500.0}]}
CALL () {
  UNWIND $events AS e
  CREATE (n:Event {id: e.id, type: e.type, contentHash: e.contentHash, recordedAt: datetime(), actor: $actor,
                   subject: e.subject, payload: e.payload, reason: e.reason, requestId: $requestId})
  WITH n, e WHERE e.reverses IS NOT NULL
  MATCH (d:Event {id: e.reverses})
  CREATE (n)-[:REVERSES]->(d)
}
CALL () {
  UNWIND $entries AS x
  MATCH (e:Event {id: x.event}), (l:Lot {code: x.lotCode})
  CREATE (e)-[:CONCERNS {lot: l.code, at: coalesce(datetime(x.at), e.recordedAt), seq: x.seq, type: x.type, quantity: x.quantity,
                         location: x.location, fromLocation: x.fromLocation, status: x.status, reference: x.reference,
                         reason: x.reason}]->(l)
  RETURN count(*) AS concerns
}
CALL () {
  UNWIND $moves AS m
  MATCH (l:Lot {code: m.lotCode}), (loc:Location {code: m.location})
  // The lot's write lock before its stock is read: a concurrent move of the same lot waits, and
  // then reads what this one wrote (the recording services hold it already; the bulk loader not).
  SET l._lock = true
  REMOVE l._lock
  WITH l, loc, m
  OPTIONAL MATCH (l)-[held:STOCKED_AT]->(loc)
  WITH l, loc, held, coalesce(held.quantity, 0.0) + m.delta AS quantity
  // Gone below half a thousandth (QUANTITY_SLACK: quantities keep three decimals), whatever the lot's size.
  WITH l, loc, held, quantity, quantity < 0.0005 AS gone
  // No MERGE: the lot's lock already keeps its stock relationships one per location, and a MERGE
  // would lock the location too, making every event at one location wait for the one before it.
  CALL (l, loc, held, quantity, gone) {
    WITH l, loc, quantity WHERE held IS NULL AND NOT gone
    CREATE (l)-[:STOCKED_AT {lot: l.code, location: loc.code, quantity: quantity}]->(loc)
  }
  CALL (held, quantity, gone) {
    WITH held, quantity WHERE held IS NOT NULL AND NOT gone
    SET held.quantity = quantity
  }
  CALL (held, gone) {
    WITH held WHERE held IS NOT NULL AND gone
    DELETE held
  }
  WITH held IS NULL AND NOT gone AS created, held IS NOT NULL AND gone AS removed
  RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) - sum(CASE WHEN removed THEN 1 ELSE 0 END) AS stockRelationships
}
RETURN concerns, stockRelationships
