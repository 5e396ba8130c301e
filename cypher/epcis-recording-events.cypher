// EPCIS export: the recorded events that created the given lots, work orders and shipments
// (Event.subject is the lot code, work-order or shipment number an event created), so that an
// exported event keeps the eventId it was recorded under, the time zone offset and the
// certificationInfo an imported event came with (null for events recorded otherwise), and where
// it put and took lots (its CONCERNS entries, in order: lot, type, location), the readPoint and
// bizLocation of its EPCIS event. The first recorded wins; an event an EPCIS error declaration
// reversed (a reversal REVERSES it) created nothing that is still there.
// Parameters: $subjects lot codes, work-order and shipment numbers;
//   $types event types (RECEIVE_LOT, RECORD_PRODUCTION, SHIP_LOTS)
// Example: :params {subjects: ['SALT-260302', 'WO-2603-P01'], types: ['RECEIVE_LOT', 'RECORD_PRODUCTION']}
MATCH (e:Event)
WHERE e.subject IN $subjects AND e.type IN $types AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
RETURN e.type AS type, e.subject AS subject, e.id AS id, e.timeZoneOffset AS timeZoneOffset, e.certificationInfo AS certificationInfo,
       COLLECT { MATCH (e)-[c:CONCERNS]->(:Lot) RETURN c {lotCode: c.lot, .type, .location} ORDER BY c.seq } AS entries
ORDER BY e.recordedAt, e.id
