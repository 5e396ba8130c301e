// Lots' test results, by lot, then when reported, then when recorded.
// Parameters: $codes lot codes.   Example: :param codes => ['PEANUT-260302-GA']
UNWIND $codes AS code
MATCH (l:Lot {code: code})<-[:RESULT_OF]-(r:TestResult)
RETURN r.eventId AS eventId, l.code AS lotCode, r.test AS test, r.value AS value, r.unit AS unit, r.passed AS passed,
       toString(r.sampledAt) AS sampledAt, toString(r.reportedAt) AS reportedAt, r.lab AS lab, r.method AS method,
       r.certificate AS certificate, r.recordedBy AS recordedBy, toString(r.recordedAt) AS recordedAt, r.releasedBy AS releasedBy
ORDER BY lotCode, r.reportedAt, r.recordedAt, eventId
