// The specifications of materials (what their lots are tested for), by material then test.
// Parameters: $skus material SKUs.   Example: :param skus => ['RAW-PEANUT']
UNWIND $skus AS sku
MATCH (m:Material {sku: sku})<-[:SPECIFIES]-(s:Specification)
RETURN s.materialSku AS materialSku, s.test AS test, s.unit AS unit, s.min AS min, s.max AS max,
       s.mustPass AS mustPass, s.requiredForRelease AS requiredForRelease
ORDER BY materialSku, test
