// lots(where: {materialSku, ...}): one page of a material's lots matching the other filters, in
// code order, with how many match in all. Starts from the material, so it reads that material's
// lots only (lots-page.cypher would look at every lot).
// Parameters: $materialSku, and as lots-page.cypher: $codeIn, $status, $supplierCode,
//   $createdFrom, $createdTo (null = no filter), $after ('' for the first page), $limit
// Example: :params {materialSku: 'RAW-PEANUT', codeIn: null, status: null, supplierCode: null,
//                   createdFrom: null, createdTo: null, after: '', limit: 51}
MATCH (:Material {sku: $materialSku})<-[:OF_MATERIAL]-(l:Lot)
WHERE ($codeIn IS NULL OR l.code IN $codeIn)
  AND ($status IS NULL OR l.status = $status)
  AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
  AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
  AND ($supplierCode IS NULL OR EXISTS { (l)-[:RECEIVED_FROM]->(:Supplier {code: $supplierCode}) })
WITH l.code AS code
ORDER BY code
WITH collect(code) AS codes
RETURN size(codes) AS totalCount, [c IN codes WHERE c > $after][..toInteger($limit)] AS codes
