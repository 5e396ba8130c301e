// FSMA 204 export with includeTrace: the given lots widened to their whole chain, every lot
// upstream (what they were made from) and downstream (what was made from them), the given lots
// included. Siblings (other lots made from the same ancestors) are not included. Each lot comes out
// once: DISTINCT endpoints of a var-length pattern expand breadth-first with pruning, never
// enumerating paths.
// Parameters: $codes lot codes
// Example: :param codes => ['PEANUT-260309-TX']
UNWIND $codes AS code
MATCH (root:Lot {code: code})
CALL (root) {
  MATCH (root)-[:CONSUMED_BY|PRODUCED*0..]->(lot:Lot)
  RETURN DISTINCT lot
  UNION
  MATCH (lot:Lot)-[:CONSUMED_BY|PRODUCED*0..]->(root)
  RETURN DISTINCT lot
}
RETURN DISTINCT lot.code AS code
