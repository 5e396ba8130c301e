// Recall cases and mock recalls by id, without their frozen impact (recall-impacts reads it).
// closingLots: the suspect lots as they stood when the recall closed (JSON text), null while open.
// Parameters: $ids list of recall ids
// Example: :param ids => ['DRILL-2026-03-COCOA']
UNWIND $ids AS id
MATCH (r:Recall {id: id})
RETURN r.id AS recallId, r.drill AS drill, r.hold AS hold, r.state AS state, r.reason AS reason,
       r.classification AS classification, toString(r.openedAt) AS openedAt, r.openedBy AS openedBy,
       toString(r.closedAt) AS closedAt, r.closedBy AS closedBy, r.closeNote AS closeNote,
       r.suspectLotCodes AS suspectLotCodes, r.heldLotCodes AS heldLotCodes, r.closingLots AS closingLots
