// The audit records of recorded events, one per event: what, when, by whom, and a hash of its
// content, written ahead of their graph (a bulk load's batch; src/core/events/record.ts runs it).
// record-lot-entries.cypher writes the same nodes together with their entries (the event recorder).
// Parameters: $events [{id, type, contentHash, subject (the lot code, work-order or shipment number
//   it created or acted on), payload (the content as canonical JSON), reason (status changes)}],
//   $actor, $requestId
UNWIND $events AS e
CREATE (:Event {id: e.id, type: e.type, contentHash: e.contentHash, recordedAt: datetime(), actor: $actor,
                subject: e.subject, payload: e.payload, reason: e.reason, requestId: $requestId})
RETURN count(*) AS created
