// FSMA 204 export by date only: every lot with an event in the period, i.e. received or produced
// in it (Lot.createdAt), consumed by a work order completed in it, shipped in it, or transferred in
// it. Each branch starts from a range index (lot_created_at, work_order_completed_at,
// shipment_shipped_at, concerns_type_at).
// Parameters: $from, $to ISO date-times, both inclusive (the API fills an open end with a far date)
// Example: :params {from: '2026-03-16T00:00:00Z', to: '2026-03-22T23:59:59.999Z'}
CALL () {
  MATCH (lot:Lot)
  WHERE lot.createdAt >= datetime($from) AND lot.createdAt <= datetime($to)
  RETURN lot.code AS code
  UNION
  MATCH (w:WorkOrder)
  WHERE w.completedAt >= datetime($from) AND w.completedAt <= datetime($to)
  MATCH (lot:Lot)-[:CONSUMED_BY]->(w)
  RETURN lot.code AS code
  UNION
  MATCH (sh:Shipment)
  WHERE sh.shippedAt >= datetime($from) AND sh.shippedAt <= datetime($to)
  MATCH (lot:Lot)-[:SHIPPED_IN]->(sh)
  RETURN lot.code AS code
  UNION
  MATCH (:Event)-[t:CONCERNS]->(lot:Lot)
  WHERE t.type = 'TRANSFERRED' AND t.at >= datetime($from) AND t.at <= datetime($to)
  RETURN lot.code AS code
}
RETURN code
