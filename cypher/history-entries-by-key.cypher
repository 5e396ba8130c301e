// Lots' history entries by their lot, event and place in the event (what a LotHistoryEntry's id
// carries): node(id) and nodes(ids); an entry's reason is its own where it has one, else its event's.
// Parameters: $keys [{lotCode, eventId, seq}]
// Example: :params {keys: [{lotCode: 'SALT-260302', eventId: 'demo:receive:SALT-260302', seq: 0}]}
UNWIND $keys AS k
MATCH (e:Event {id: k.eventId})-[c:CONCERNS]->(:Lot)
WHERE c.lot = k.lotCode AND c.seq = k.seq
RETURN c.lot AS lotCode, e.id AS eventId, c.seq AS seq, c.type AS type, toString(c.at) AS at,
       toString(e.recordedAt) AS recordedAt, e.actor AS actor, c.quantity AS quantity, c.location AS locationCode,
       c.fromLocation AS fromLocationCode, c.status AS status, coalesce(c.reason, e.reason) AS reason, c.reference AS reference
