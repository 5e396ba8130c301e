// One page of lots matching a filter, in code order, forward: the first lots after $after (a
// lot's cursor), up to $before if given.
// Parameters (null = no filter): $codeIn list, $materialSku, $status, $supplierCode,
//   $createdFrom / $createdTo ISO date-times, $after code the page starts after ('' from the start),
//   $before code the page stops before (null: none), $limit page size + 1 (the extra row says
//   whether there is a next page)
// Example: :params {codeIn: null, materialSku: 'RAW-PEANUT', status: null, supplierCode: null,
//                   createdFrom: null, createdTo: null, after: '', before: null, limit: 51}
MATCH (l:Lot)
WHERE l.code > $after
  AND ($before IS NULL OR l.code < $before)
  AND ($codeIn IS NULL OR l.code IN $codeIn)
  AND ($status IS NULL OR l.status = $status)
  AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
  AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
  AND ($materialSku IS NULL OR EXISTS { (l)-[:OF_MATERIAL]->(:Material {sku: $materialSku}) })
  AND ($supplierCode IS NULL OR EXISTS { (l)-[:RECEIVED_FROM]->(:Supplier {code: $supplierCode}) })
RETURN l.code AS code
ORDER BY l.code
LIMIT toInteger($limit)
