// lots(where: {supplierCode, ...}) without a materialSku: one page of the lots received from a
// supplier that match the other filters, in code order, with how many match in all and whether
// any lie before or after the page's window. Starts from the supplier, so it reads that
// supplier's lots only (lots-page.cypher would look at every lot).
// Parameters: $supplierCode, and as lots-page.cypher: $codeIn, $status, $createdFrom, $createdTo
//   (null = no filter), $after, $before,
//   $limit (see lots-page.cypher), $backward (true: the window's last lots, nearest its end first)
// Example: :params {supplierCode: 'SUP-GAPEANUT', codeIn: null, status: null,
//                   createdFrom: null, createdTo: null, after: '', before: null, limit: 51, backward: false}
MATCH (:Supplier {code: $supplierCode})<-[:RECEIVED_FROM]-(l:Lot)
WHERE ($codeIn IS NULL OR l.code IN $codeIn)
  AND ($status IS NULL OR l.status = $status)
  AND ($createdFrom IS NULL OR l.createdAt >= datetime($createdFrom))
  AND ($createdTo IS NULL OR l.createdAt <= datetime($createdTo))
WITH l.code AS code
ORDER BY code
WITH collect(code) AS codes
WITH codes, [c IN codes WHERE c > $after AND ($before IS NULL OR c < $before)] AS window
RETURN size(codes) AS totalCount,
       (CASE WHEN $backward THEN reverse(window) ELSE window END)[..toInteger($limit)] AS codes,
       any(c IN codes WHERE c <= $after) AS earlier,
       $before IS NOT NULL AND any(c IN codes WHERE c >= $before) AS later
