// Creates or updates a material's specification for one test (master data: quality), noting who
// changed it last and when: a measured test (min, max, unit) or a pass/fail one (mustPass).
// Parameters: $materialSku, $test, $unit, $min, $max, $mustPass, $requiredForRelease, $actor
// Example: :params {materialSku: 'RAW-PEANUT', test: 'aflatoxin', unit: 'ppb', min: null, max: 10.0, mustPass: null, requiredForRelease: true, actor: 'qa-lead'}
MATCH (m:Material {sku: $materialSku})
MERGE (s:Specification {materialSku: m.sku, test: $test})
MERGE (s)-[:SPECIFIES]->(m)
SET s.unit = $unit, s.min = $min, s.max = $max, s.mustPass = $mustPass, s.requiredForRelease = $requiredForRelease,
    s.updatedBy = $actor, s.updatedAt = datetime()
RETURN s.materialSku AS materialSku, s.test AS test, s.unit AS unit, s.min AS min, s.max AS max,
       s.mustPass AS mustPass, s.requiredForRelease AS requiredForRelease
