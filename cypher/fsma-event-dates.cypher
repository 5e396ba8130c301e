// FSMA 204 export: when the given lots have events (received; consumed or produced by a work
// order; shipped; transferred, a CTE when between two sites), one row per lot with the instants
// (epoch milliseconds) of its events, so that the export can read its rows a window of time at a time. Milliseconds as floats: the driver
// decodes a float as a number, an integer as an object, and there is one per event.
// Parameters: $codes lot codes (distinct); $from, $to ISO date-times, inclusive, or null (open)
// Example: :params {codes: ['SALT-260302', 'PEANUT-260309-TX'], from: null, to: null}
UNWIND $codes AS code
MATCH (lot:Lot {code: code})
CALL (lot) {
  MATCH (lot)-[r:RECEIVED_FROM]->(:Supplier)
  RETURN r.receivedAt AS at
  UNION
  MATCH (lot)-[:CONSUMED_BY|PRODUCED]-(w:WorkOrder)
  RETURN w.completedAt AS at
  UNION
  MATCH (lot)-[:SHIPPED_IN]->(sh:Shipment)
  RETURN sh.shippedAt AS at
  UNION
  MATCH (lot)<-[t:CONCERNS]-(:Event)
  WHERE t.type = 'TRANSFERRED'
  RETURN t.at AS at
}
WITH code, at
WHERE ($from IS NULL OR at >= datetime($from)) AND ($to IS NULL OR at <= datetime($to))
RETURN code, collect(toFloat(at.epochMillis)) AS times
