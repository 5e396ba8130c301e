// One page of lots matching a filter, backward from the last lot: lots(last: n), after $after,
// nearest the end first.
// Parameters: as lots-page.cypher, without $before.
// Example: :params {codeIn: null, materialSku: 'RAW-PEANUT', status: null, supplierCode: null,
//                   createdFrom: null, createdTo: null, after: '', limit: 3}
MATCH (l:Lot)
WHERE l.code > $after
  AND ($codeIn IS NULL OR l.code IN $codeIn)
  AND ($status IS NULL OR l.status = $status)
  AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
  AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
  AND ($materialSku IS NULL OR EXISTS { (l)-[:OF_MATERIAL]->(:Material {sku: $materialSku}) })
  AND ($supplierCode IS NULL OR EXISTS { (l)-[:RECEIVED_FROM]->(:Supplier {code: $supplierCode}) })
RETURN l.code AS code
ORDER BY l.code DESC
LIMIT toInteger($limit)
