// lots(where: {supplierCode, ...}) without a materialSku: one page of the lots received from a
// supplier that match the other filters, in code order, with how many match in all. Starts from
// the supplier, so it reads that supplier's lots only (lots-page.cypher would look at every lot).
// Parameters: $supplierCode, and as lots-page.cypher: $codeIn, $status, $createdFrom, $createdTo
//   (null = no filter), $after ('' for the first page), $limit
// Example: :params {supplierCode: 'SUP-GAPEANUT', codeIn: null, status: null,
//                   createdFrom: null, createdTo: null, after: '', limit: 51}
MATCH (:Supplier {code: $supplierCode})<-[:RECEIVED_FROM]-(l:Lot)
WHERE ($codeIn IS NULL OR l.code IN $codeIn)
  AND ($status IS NULL OR l.status = $status)
  AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
  AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
WITH l.code AS code
ORDER BY code
WITH collect(code) AS codes
RETURN size(codes) AS totalCount, [c IN codes WHERE c > $after][..toInteger($limit)] AS codes
