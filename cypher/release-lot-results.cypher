// A lot's release (releaseLot) answers its failed test results that no release had answered yet:
// each notes the release's event id (releasedBy), and no longer makes the lot's quality FAILED.
// Parameters: $code lot code, $release the release's event id
// Example: :params {code: 'PEANUT-260302-GA', release: '6f1c8a3e-0d6e-4b1c-9f8e-1c2d3e4f5a6b'}
MATCH (:Lot {code: $code})<-[:RESULT_OF]-(r:TestResult)
WHERE NOT r.passed AND r.releasedBy IS NULL
SET r.releasedBy = $release
RETURN r.eventId AS eventId
