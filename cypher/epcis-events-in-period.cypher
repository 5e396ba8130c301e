// EPCIS export of a period: the receipts, transfers, work orders and shipments whose time lies in it, as
// (kind, key, time) only; the export then reads them whole, a page at a time. The time in epoch
// milliseconds, as a float (the driver decodes it as a number, an integer as an object). Each
// branch starts from a range index (lot_created_at: a received lot is created when it is
// received, concerns_type_at, work_order_completed_at, shipment_shipped_at).
// Parameters: $from, $to ISO date-times, both inclusive (the API fills an open end with a far date)
// Example: :params {from: '2026-03-16T00:00:00Z', to: '2026-03-22T23:59:59.999Z'}
CALL () {
  MATCH (lot:Lot)-[r:RECEIVED_FROM]->(:Supplier)
  WHERE lot.createdAt >= datetime($from) AND lot.createdAt <= datetime($to)
    AND r.receivedAt >= datetime($from) AND r.receivedAt <= datetime($to)
  RETURN 'receipt' AS kind, lot.code AS key, toFloat(r.receivedAt.epochMillis) AS at
  UNION ALL
  MATCH (e:Event)-[t:CONCERNS]->(:Lot)
  WHERE t.type = 'TRANSFERRED' AND t.at >= datetime($from) AND t.at <= datetime($to)
    AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
  RETURN DISTINCT 'transfer' AS kind, e.id AS key, toFloat(t.at.epochMillis) AS at
  UNION ALL
  MATCH (w:WorkOrder)
  WHERE w.completedAt >= datetime($from) AND w.completedAt <= datetime($to)
  RETURN 'workOrder' AS kind, w.number AS key, toFloat(w.completedAt.epochMillis) AS at
  UNION ALL
  MATCH (sh:Shipment)
  WHERE sh.shippedAt >= datetime($from) AND sh.shippedAt <= datetime($to)
  RETURN 'shipment' AS kind, sh.number AS key, toFloat(sh.shippedAt.epochMillis) AS at
}
RETURN kind, key, at
