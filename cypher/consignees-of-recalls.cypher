// The consignees of recalls, by recall then customer code: how far each has come, what it was
// shipped per unit (JSON text, frozen at opening) and what it reported per unit (JSON text).
// Parameters: $ids list of recall ids
// Example: :param ids => ['DRILL-2026-03-COCOA']
UNWIND $ids AS id
MATCH (r:Recall {id: id})-[k:CONSIGNEE]->(c:Customer)
RETURN r.id AS recallId, c.code AS customerCode, k.state AS state, k.shippedByUnit AS shippedByUnit,
       k.reported AS reported, toString(k.notifiedAt) AS notifiedAt, toString(k.acknowledgedAt) AS acknowledgedAt,
       toString(k.completedAt) AS completedAt, k.notes AS notes
ORDER BY recallId, customerCode
