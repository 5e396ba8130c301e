// A consignee after a response (src/core/recall/recall.ts, applyResponse): its state, what it
// reported per unit (JSON text), when it was first notified, acknowledged, completed, its notes.
// Parameters: $recallId, $customerCode, $state, $reported JSON text, $notifiedAt, $acknowledgedAt,
//   $completedAt ISO date-times or null, $notes list of text
// Example: :params {recallId: 'DRILL-2026-03-COCOA', customerCode: 'CUST-CRNR', state: 'NOTIFIED', reported: '[]',
//                   notifiedAt: '2026-04-01T09:00:00Z', acknowledgedAt: null, completedAt: null, notes: ['called']}
MATCH (:Recall {id: $recallId})-[k:CONSIGNEE]->(:Customer {code: $customerCode})
SET k.state = $state, k.reported = $reported, k.notifiedAt = datetime($notifiedAt),
    k.acknowledgedAt = datetime($acknowledgedAt), k.completedAt = datetime($completedAt), k.notes = $notes
RETURN count(k) AS updated
