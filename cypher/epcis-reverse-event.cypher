// EPCIS import of error declarations: undoes a recorded event declared erroneous, once nothing has
// used what it made (epcis-lot-uses): the lots it created (a receipt's lot, a work order's outputs)
// go with their receipt or production, a work order with its consumptions, a shipment with its
// lines. Both Event nodes stay: the reversal's Event REVERSES the declared one, so that the history
// shows what was recorded and what undid it.
// Parameters: $lots lot codes, $workOrder a work-order number or null, $shipment a shipment number
//   or null, $reversal the reversal's Event id, $reversed the declared event's Event id
// Example: :params {lots: ['SALT-260302'], workOrder: null, shipment: null, reversal: 'demo:receive:SUGAR-260302', reversed: 'demo:receive:SALT-260302'}
CALL () {
  UNWIND $lots AS code
  MATCH (l:Lot {code: code})
  DETACH DELETE l
}
CALL () {
  OPTIONAL MATCH (w:WorkOrder {number: $workOrder})
  DETACH DELETE w
}
CALL () {
  OPTIONAL MATCH (s:Shipment {number: $shipment})
  DETACH DELETE s
}
MATCH (r:Event {id: $reversal}), (d:Event {id: $reversed})
CREATE (r)-[:REVERSES]->(d)
RETURN d.id AS reversed
