// Closes a recall: who and when, the note, and the suspect lots as they stand now (JSON text: its
// mass balance at closing, which its report then keeps). A closed recall is read-only.
// Parameters: $recallId, $closedAt ISO date-time, $closedBy (the actor), $note (or null), $closingLots JSON text
// Example: :params {recallId: 'DRILL-2026-03-COCOA', closedAt: '2026-04-01T12:00:00Z', closedBy: 'example',
//                   note: null, closingLots: '[]'}
MATCH (r:Recall {id: $recallId})
SET r.state = 'CLOSED', r.closedAt = datetime($closedAt), r.closedBy = $closedBy, r.closeNote = $note, r.closingLots = $closingLots
RETURN r.id AS recallId
