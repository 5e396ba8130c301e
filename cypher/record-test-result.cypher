// Records a test result of a lot, as judged against its material's specification when recorded
// (passed): (:TestResult)-[:RESULT_OF]->(:Lot).
// Parameters: $eventId, $lotCode, $test, $value, $unit, $passed, $sampledAt (ISO or null),
//   $reportedAt (ISO), $lab, $method, $certificate, $actor (who recorded it)
MATCH (l:Lot {code: $lotCode})
CREATE (r:TestResult {eventId: $eventId, lot: l.code, test: $test, value: $value, unit: $unit, passed: $passed,
                      sampledAt: datetime($sampledAt), reportedAt: datetime($reportedAt), lab: $lab, method: $method,
                      certificate: $certificate, recordedBy: $actor, recordedAt: datetime()})
CREATE (r)-[:RESULT_OF]->(l)
RETURN r.eventId AS eventId
