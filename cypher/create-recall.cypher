// Creates a recall case (or a mock recall: drill) as it opens, before its impact is read: a second
// opening of the same recallId meanwhile waits at the Recall.id constraint and, once this one
// commits, fails there, runs again and finds it (src/core/recall/recall.service.ts).
// Parameters: $recallId, $drill, $hold (whether it puts holds), $reason, $classification (or null),
//   $openedAt ISO date-time, $openedBy (the actor), $suspectLotCodes
// Example: :params {recallId: 'EXAMPLE-RECALL', drill: true, hold: false, reason: 'supplier notice',
//                   classification: null, openedAt: '2026-04-01T08:00:00Z', openedBy: 'example',
//                   suspectLotCodes: ['COCOA-260302']}
CREATE (r:Recall {id: $recallId, drill: $drill, hold: $hold, state: 'OPEN', reason: $reason, classification: $classification,
                  openedAt: datetime($openedAt), openedBy: $openedBy, suspectLotCodes: $suspectLotCodes, heldLotCodes: []})
RETURN r.id AS recallId
