// EPCIS import of error declarations: undoes a recorded event declared erroneous, once nothing has
// used what it made (epcis-lot-uses): the lots it created (a receipt's lot, a work order's outputs)
// go with their receipt or production, a work order with its consumptions, a shipment with its
// lines. Both Event nodes stay: the reversal's Event REVERSES the declared one (written with the
// reversal's Event by record-lot-entries.cypher), so that the history shows what was recorded and
// what undid it. Returns how many lots went.
// Parameters: $lots lot codes, $workOrder a work-order number or null, $shipment a shipment number or null
// Example: :params {lots: ['SALT-260302'], workOrder: null, shipment: null}
CALL () {
  UNWIND $lots AS code
  MATCH (l:Lot {code: code})
  DETACH DELETE l
  RETURN count(*) AS lotsGone
}
CALL () {
  OPTIONAL MATCH (w:WorkOrder {number: $workOrder})
  DETACH DELETE w
}
CALL () {
  OPTIONAL MATCH (s:Shipment {number: $shipment})
  DETACH DELETE s
}
RETURN lotsGone
