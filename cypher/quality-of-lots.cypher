// What lots' quality is worked out from (src/core/quality/quality.ts): the tests their material
// requires before release, and every result of each lot, with the release that answered a failure.
// One lookup of the specifications per material, however many of its lots are asked about.
// Parameters: $codes lot codes.   Example: :param codes => ['PEANUT-260302-GA', 'PASTE-260304']
UNWIND $codes AS code
MATCH (l:Lot {code: code})-[:OF_MATERIAL]->(m:Material)
WITH m, collect(l) AS lots
CALL (m) {
  OPTIONAL MATCH (m)<-[:SPECIFIES]-(s:Specification)
  WHERE s.requiredForRelease
  RETURN collect(s.test) AS required
}
UNWIND lots AS l
RETURN l.code AS code, required,
       [(r:TestResult)-[:RESULT_OF]->(l) | {eventId: r.eventId, test: r.test, passed: r.passed, reportedAt: toString(r.reportedAt),
                                            recordedAt: toString(r.recordedAt), releasedBy: r.releasedBy}] AS results
