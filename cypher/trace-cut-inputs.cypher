// Which of the given lots derive from any of the root lots (are downstream of one). Asked only for
// a FORWARD trace cut short by its depth or node limit, about lots outside it that a traced work
// order consumed: their share of root material is unknown, so their consumers' exposure is too.
// Each lot's upstream is expanded breadth-first with pruning (each ancestor once). The expansion
// sits in a subquery that cannot see $roots, so the planner cannot anchor it on a root and expand
// into the lot path by path (VarLengthExpand(Into)), which it picks on a small store otherwise.
// Parameters: $codes lot codes to test, $roots root lot codes
// Example: :params {codes: ['PASTE-260318', 'PASTE-260311'], roots: ['PEANUT-260309-TX']}
UNWIND $codes AS code
MATCH (lot:Lot {code: code})
CALL (lot) {
  MATCH (lot)<-[:CONSUMED_BY|PRODUCED*]-(ancestor:Lot)
  RETURN collect(DISTINCT ancestor.code) AS ancestors
}
WITH code, ancestors
WHERE any(root IN $roots WHERE root IN ancestors)
RETURN code
