// BACKWARD trace of several root lots (the FORWARD one is recall-affected): every lot upstream of
// any root, the roots included at depth 0, each with its depth, the fewest work orders between it
// and the nearest root (two relationship hops per work order). A lot reached from several roots
// or along many paths appears once: the planner expands each root breadth-first with pruning
// (VarLengthExpand(Pruning,BFS)), never enumerating paths, and keeps the least depth. The least
// depth needs every root expanded, so the limit keeps the shallowest lots.
// The API asks for one level more than it lists (any lot there means the answer was cut) and for
// the roots plus one lot more than its node limit.
// Parameters: $codes root lot codes, $maxDepth deepest depth to list, $limit most lots to list
// Example: :params {codes: ['CK-PB-260305', 'DOUGH-PB-260305'], maxDepth: 100001, limit: 100003}
UNWIND $codes AS code
MATCH (root:Lot {code: code})
MATCH p = (root)<-[:CONSUMED_BY|PRODUCED*0..]-(lot:Lot)
WITH lot, min(length(p)) / 2 AS depth
WHERE depth <= $maxDepth
RETURN lot.code AS code, depth
ORDER BY depth, code
LIMIT toInteger($limit)
