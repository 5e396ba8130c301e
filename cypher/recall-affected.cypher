// Recall impact: every lot downstream of any suspect lot, the suspects included at depth 0, each
// with its depth, the fewest work orders between the nearest suspect and it (two relationship hops
// per work order). A lot reached from several suspects or along many paths appears once: the
// planner expands each suspect breadth-first with pruning (VarLengthExpand(Pruning,BFS)), never
// enumerating paths, and keeps the least depth. The least depth needs every suspect expanded, so
// the limit keeps the shallowest lots.
// The API reads the whole set (a recall is never cut): $maxDepth is then one past the node limit,
// which no lot can reach within the limit, and $limit the suspects plus one lot more than the node
// limit, so that a set too big to answer whole is seen and refused.
// Parameters: $codes suspect lot codes, $maxDepth deepest depth to list, $limit most lots to list
// Example: :params {codes: ['PEANUT-260309-TX', 'COCOA-260302'], maxDepth: 51, limit: 100003}
UNWIND $codes AS code
MATCH (suspect:Lot {code: code})
MATCH p = (suspect)-[:CONSUMED_BY|PRODUCED*0..]->(lot:Lot)
WITH lot, min(length(p)) / 2 AS depth
WHERE depth <= $maxDepth
RETURN lot.code AS code, depth
ORDER BY depth, code
LIMIT toInteger($limit)
