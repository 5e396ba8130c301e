// What a recall froze as it opened: its impact (JSON text, read back by recall-impacts), the lots it
// put ON_HOLD, and one consignee per affected customer, TO_NOTIFY, with what that customer was
// shipped of the affected lots per unit (JSON text).
// Parameters: $recallId, $impact JSON text, $heldLotCodes, $consignees [{customerCode, shippedByUnit JSON text}]
// Example: :params {recallId: 'DRILL-2026-03-COCOA', impact: '{}', heldLotCodes: [],
//                   consignees: [{customerCode: 'CUST-CRNR', shippedByUnit: '[]'}]}
MATCH (r:Recall {id: $recallId})
SET r.impact = $impact, r.heldLotCodes = $heldLotCodes
WITH r
CALL (r) {
  UNWIND $consignees AS c
  MATCH (customer:Customer {code: c.customerCode})
  CREATE (r)-[:CONSIGNEE {state: 'TO_NOTIFY', shippedByUnit: c.shippedByUnit, reported: '[]', notes: []}]->(customer)
  RETURN count(*) AS consignees
}
RETURN consignees
