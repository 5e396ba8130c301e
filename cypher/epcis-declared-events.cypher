// EPCIS import of error declarations: what lotgraph recorded from the EPCIS events declared
// erroneous, by their eventIDs: the event recorded under the eventID itself (a receipt of one lot,
// a work order, a shipment, a transfer of one lot), or under <eventID>#<lot code> (a receiving or
// moving event of several lots, one receipt or transfer each), with what it created or moved (its
// subject: lot code, work-order or shipment number).
// Parameters: $ids eventIDs (as lotgraph keeps them)
// Example: :param ids => ['demo:receive:SALT-260302']
UNWIND $ids AS declared
CALL (declared) {
  MATCH (e:Event {id: declared})
  RETURN e
  UNION
  MATCH (e:Event) WHERE e.id STARTS WITH declared + '#' AND e.type IN ['RECEIVE_LOT', 'TRANSFER']
  RETURN e
}
WITH declared, e
WHERE e.type IN ['RECEIVE_LOT', 'RECORD_PRODUCTION', 'SHIP_LOTS', 'TRANSFER']
RETURN declared, e.id AS id, e.type AS type, e.subject AS subject
ORDER BY declared, id
