// One page of lots matching a filter, backward: the last lots before $before (a lot's cursor),
// after $after, nearest first. lots-page-last.cypher is the same without $before: each seeks the
// Lot.code index from the end of its window, so a page reads only the lots it returns.
// Parameters: as lots-page.cypher, $before required.
// Example: :params {codeIn: null, materialSku: 'RAW-PEANUT', status: null, supplierCode: null,
//                   createdFrom: null, createdTo: null, after: '', before: 'PEANUT-260309-TX', limit: 3}
MATCH (l:Lot)
WHERE l.code < $before
  AND l.code > $after
  AND ($codeIn IS NULL OR l.code IN $codeIn)
  AND ($status IS NULL OR l.status = $status)
  AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
  AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
  AND ($materialSku IS NULL OR EXISTS { (l)-[:OF_MATERIAL]->(:Material {sku: $materialSku}) })
  AND ($supplierCode IS NULL OR EXISTS { (l)-[:RECEIVED_FROM]->(:Supplier {code: $supplierCode}) })
RETURN l.code AS code
ORDER BY l.code DESC
LIMIT toInteger($limit)
