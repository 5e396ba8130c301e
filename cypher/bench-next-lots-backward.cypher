// Benchmark only (bench/naive.ts): one hop of a naive where-from walk, the lots each given lot was
// made from (against PRODUCED then CONSUMED_BY). Called once per lot per level (an ORM-style
// resolver) or once per level for the whole frontier (DataLoader batching).
// Parameters: $codes lot codes
// Example: :param codes => ['PB-CR-260305']
UNWIND $codes AS code
MATCH (:Lot {code: code})<-[:PRODUCED]-(:WorkOrder)<-[:CONSUMED_BY]-(next:Lot)
RETURN code, collect(DISTINCT next.code) AS next
