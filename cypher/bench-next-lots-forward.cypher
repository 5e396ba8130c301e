// Benchmark only (bench/naive.ts): one hop of a naive where-used walk, the lots made from each
// given lot (CONSUMED_BY then PRODUCED). Called once per lot per level (an ORM-style resolver) or
// once per level for the whole frontier (DataLoader batching).
// Parameters: $codes lot codes
// Example: :param codes => ['PEANUT-260309-TX']
UNWIND $codes AS code
MATCH (:Lot {code: code})-[:CONSUMED_BY]->(:WorkOrder)-[:PRODUCED]->(next:Lot)
RETURN code, collect(DISTINCT next.code) AS next
