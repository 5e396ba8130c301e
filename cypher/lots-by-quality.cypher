// lotsByQuality: one page of the lots FAILED or PENDING (the ones positive release keeps in the
// plant), in code order, with how many there are and whether any lie before or after the window.
// Anchored on what makes a lot so, never on every lot: FAILED starts from the failed results (the
// test_result_passed index) not answered by a release; PENDING from the specifications required
// for release, then their materials' lots missing a result of such a test and without an
// outstanding failure (src/core/quality/quality.ts, qualityOf).
// Parameters: $quality 'FAILED' | 'PENDING', $after code ('' from the start), $before code (null:
//   none), $limit page size + 1, $backward (true: the window's last lots, nearest its end first)
// Example: :params {quality: 'FAILED', after: '', before: null, limit: 51, backward: false}
CALL () {
  MATCH (r:TestResult {passed: false})-[:RESULT_OF]->(l:Lot)
  WHERE $quality = 'FAILED' AND r.releasedBy IS NULL
  RETURN DISTINCT l.code AS code
  UNION
  MATCH (s:Specification {requiredForRelease: true})-[:SPECIFIES]->(m:Material)
  WHERE $quality = 'PENDING'
  WITH m, collect(s.test) AS required
  MATCH (m)<-[:OF_MATERIAL]-(l:Lot)
  WHERE NOT EXISTS { (l)<-[:RESULT_OF]-(r:TestResult {passed: false}) WHERE r.releasedBy IS NULL }
    AND any(t IN required WHERE NOT EXISTS { (l)<-[:RESULT_OF]-(:TestResult {test: t}) })
  RETURN l.code AS code
}
WITH code
ORDER BY code
WITH collect(code) AS codes
WITH codes, [c IN codes WHERE c > $after AND ($before IS NULL OR c < $before)] AS window
RETURN size(codes) AS totalCount,
       (CASE WHEN $backward THEN reverse(window) ELSE window END)[..toInteger($limit)] AS codes,
       any(c IN codes WHERE c <= $after) AS earlier,
       $before IS NOT NULL AND any(c IN codes WHERE c >= $before) AS later
