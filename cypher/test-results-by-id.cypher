// Test results by the id of the event that recorded them.
// Parameters: $ids event ids.   Example: :param ids => ['demo:result:PEANUT-260302-GA:aflatoxin']
UNWIND $ids AS id
MATCH (r:TestResult {eventId: id})-[:RESULT_OF]->(l:Lot)
RETURN r.eventId AS eventId, l.code AS lotCode, r.test AS test, r.value AS value, r.unit AS unit, r.passed AS passed,
       toString(r.sampledAt) AS sampledAt, toString(r.reportedAt) AS reportedAt, r.lab AS lab, r.method AS method,
       r.certificate AS certificate, r.recordedBy AS recordedBy, toString(r.recordedAt) AS recordedAt, r.releasedBy AS releasedBy
