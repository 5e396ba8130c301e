// EPCIS export of a FORWARD trace: every lot upstream of the given lots, the given lots included,
// so that the document also holds where every input it names came from (and imports into a
// database that has none of them). Each lot comes out once: DISTINCT endpoints of a var-length
// pattern expand breadth-first with pruning, never enumerating paths.
// Parameters: $codes lot codes
// Example: :param codes => ['PEANUT-260302-GA', 'SALT-260302']
UNWIND $codes AS code
MATCH (root:Lot {code: code})
MATCH (lot:Lot)-[:CONSUMED_BY|PRODUCED*0..]->(root)
RETURN DISTINCT lot.code AS code
