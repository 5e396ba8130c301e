// The audit record of one recorded event: what, when, by whom, and a hash of its content.
// Parameters: $id, $type, $contentHash, $actor, $subject (the lot code, work-order or shipment
//   number it created), $payload (the input as JSON), $reason (status changes), $requestId
CREATE (e:Event {id: $id, type: $type, contentHash: $contentHash, recordedAt: datetime(),
                 actor: $actor, subject: $subject, payload: $payload, reason: $reason, requestId: $requestId})
RETURN e.id AS id
