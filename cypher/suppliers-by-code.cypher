// Suppliers by code.
// Parameters: $codes list of supplier codes.   Example: :param codes => ['SUP-GAPEANUT']
UNWIND $codes AS code
MATCH (s:Supplier {code: code})
RETURN s.code AS code, s.name AS name, s.gln AS gln
