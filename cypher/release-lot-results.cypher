// A lot's release (releaseLot) answers its failed test results that no release had answered yet:
// each notes the release's event id (releasedBy), and no longer makes the lot's quality FAILED.
// Parameters: $code lot code, $release the release's event id
MATCH (:Lot {code: $code})<-[:RESULT_OF]-(r:TestResult)
WHERE NOT r.passed AND r.releasedBy IS NULL
SET r.releasedBy = $release
RETURN r.eventId AS eventId
