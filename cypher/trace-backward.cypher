// BACKWARD trace (where-from): every lot upstream of one root lot, with its depth, the fewest
// work orders between it and the root (two relationship hops per work order). The root itself is
// not listed. Each lot is visited once however many paths lead to it: the planner turns
// min(length(p)) over this var-length pattern into a breadth-first pruning expand
// (VarLengthExpand(Pruning,BFS)), which never enumerates paths. Without ORDER BY before LIMIT the
// expansion is lazy and stops once $limit lots have come out.
// The API asks for one level more than the client's maxDepth (any lot there means the trace was
// cut) and for one lot more than its node limit.
// One row: the lot codes and their depths as two lists in the same order, by depth then code (a
// single row of lists reaches a JavaScript client several times faster than thousands of rows).
// For a table: ... UNWIND range(0, size(codes) - 1) AS i RETURN codes[i] AS code, depths[i] AS depth
// Parameters: $code root lot code, $maxDepth deepest depth to list, $limit most lots to list
// Example: :params {code: 'CK-PB-260305', maxDepth: 51, limit: 100001}
MATCH (root:Lot {code: $code})
MATCH p = (root)<-[:CONSUMED_BY|PRODUCED*]-(lot:Lot)
WITH lot, min(length(p)) / 2 AS depth
WHERE depth <= $maxDepth
WITH lot, depth
LIMIT toInteger($limit)
WITH lot.code AS code, depth
ORDER BY depth, code
RETURN collect(code) AS codes, collect(depth) AS depths
