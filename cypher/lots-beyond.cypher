// Whether lots matching a filter lie outside a page's window: at or before $after (earlier: the
// page has a previous one) and at or after $before (later: it has a next one). Each stops at
// the first such lot it finds.
// Parameters: as lots-page.cypher; $after '' and $before null ask nothing.
// Example: :params {codeIn: null, materialSku: 'RAW-PEANUT', status: null, supplierCode: null,
//                   createdFrom: null, createdTo: null, after: 'PEANUT-260309-TX', before: 'PEANUT-260302-GA'}
RETURN EXISTS {
         MATCH (l:Lot)
         WHERE l.code <= $after
           AND ($codeIn IS NULL OR l.code IN $codeIn)
           AND ($status IS NULL OR l.status = $status)
           AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
           AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
           AND ($materialSku IS NULL OR EXISTS { (l)-[:OF_MATERIAL]->(:Material {sku: $materialSku}) })
           AND ($supplierCode IS NULL OR EXISTS { (l)-[:RECEIVED_FROM]->(:Supplier {code: $supplierCode}) })
       } AS earlier,
       EXISTS {
         MATCH (l:Lot)
         WHERE l.code >= $before
           AND ($codeIn IS NULL OR l.code IN $codeIn)
           AND ($status IS NULL OR l.status = $status)
           AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
           AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
           AND ($materialSku IS NULL OR EXISTS { (l)-[:OF_MATERIAL]->(:Material {sku: $materialSku}) })
           AND ($supplierCode IS NULL OR EXISTS { (l)-[:RECEIVED_FROM]->(:Supplier {code: $supplierCode}) })
       } AS later
