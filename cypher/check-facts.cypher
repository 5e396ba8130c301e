// What events' checks read, in one statement (src/core/events/checks.ts, CheckNeeds): the lots
// they take from locked first (in code order, so that the reads after the lock see what the last
// event that took from them left, and concurrent events lock in one order), then the events
// already recorded under their ids (as events-by-id), the stock of lots they name, and which of the
// lots, materials, parties, locations and numbers they name exist (as the *-by-code statements
// find them).
// Parameters: $ids event ids, $locks sorted codes of the lots taken from, $lots lot codes (which
//   exist), $stock lot codes (their stock, as stock-of-lots), $skus material SKUs, $suppliers and
//   $customers party codes, $locations location codes, $workOrders and $shipments numbers
// Example: :params {ids: ['demo:receive:SALT-260302'], locks: [], lots: ['SALT-260302'], stock: [], skus: ['RAW-SALT'],
//   suppliers: ['SUP-SALT'], customers: [], locations: ['MAIN-STORE'], workOrders: [], shipments: []}
CALL () {
  UNWIND $locks AS code
  MATCH (l:Lot {code: code})
  SET l._lock = true
  REMOVE l._lock
  RETURN count(l) AS locked
}
CALL () {
  UNWIND $ids AS id
  MATCH (e:Event {id: id})
  OPTIONAL MATCH (r:Event)-[:REVERSES]->(e)
  RETURN collect({id: e.id, type: e.type, contentHash: e.contentHash, subject: e.subject, reversedBy: r.id}) AS events
}
CALL () {
  UNWIND $lots AS code
  MATCH (l:Lot {code: code})-[:OF_MATERIAL]->(:Material)
  RETURN collect(l.code) AS lots
}
CALL () {
  UNWIND $stock AS code
  MATCH (l:Lot {code: code})-[s:STOCKED_AT]->(loc:Location)
  WITH l, loc, s ORDER BY l.code, loc.code
  RETURN collect({lotCode: l.code, locationCode: loc.code, quantity: round(s.quantity, 3), uom: l.uom}) AS stock
}
CALL () {
  UNWIND $skus AS sku
  MATCH (m:Material {sku: sku})
  RETURN collect({sku: m.sku, uom: m.uom}) AS materials
}
CALL () {
  UNWIND $suppliers AS code
  MATCH (s:Supplier {code: code})
  RETURN collect(s.code) AS suppliers
}
CALL () {
  UNWIND $customers AS code
  MATCH (c:Customer {code: code})
  RETURN collect(c.code) AS customers
}
CALL () {
  UNWIND $locations AS code
  MATCH (loc:Location {code: code})-[:IN_SITE]->(:Site)
  RETURN collect(loc.code) AS locations
}
CALL () {
  UNWIND $workOrders AS number
  MATCH (w:WorkOrder {number: number})
  RETURN collect(w.number) AS workOrders
}
CALL () {
  UNWIND $shipments AS number
  MATCH (sh:Shipment {number: number})-[:SHIPPED_TO]->(:Customer)
  RETURN collect(sh.number) AS shipments
}
RETURN events, lots, stock, materials, suppliers, customers, locations, workOrders, shipments
