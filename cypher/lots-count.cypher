// How many lots match a filter (the totalCount of lots(where: ...)).
// Parameters: as lots-page.cypher, without $after and $limit.
// Example: :params {codeIn: null, materialSku: 'RAW-PEANUT', status: null, supplierCode: null,
//                   createdFrom: null, createdTo: null}
MATCH (l:Lot)
WHERE ($codeIn IS NULL OR l.code IN $codeIn)
  AND ($status IS NULL OR l.status = $status)
  AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
  AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
  AND ($materialSku IS NULL OR EXISTS { (l)-[:OF_MATERIAL]->(:Material {sku: $materialSku}) })
  AND ($supplierCode IS NULL OR EXISTS { (l)-[:RECEIVED_FROM]->(:Supplier {code: $supplierCode}) })
RETURN count(l) AS totalCount
