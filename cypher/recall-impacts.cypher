// The impact each recall froze as it opened, as JSON text (src/core/recall/recall.ts, FrozenImpact):
// the suspects, every affected lot with its depth, exposure and record then, the shipment lines
// with their shipments and customers, and the in-house stock.
// Parameters: $ids list of recall ids
// Example: :param ids => ['DRILL-2026-03-COCOA']
UNWIND $ids AS id
MATCH (r:Recall {id: id})
RETURN r.id AS recallId, r.impact AS impact
