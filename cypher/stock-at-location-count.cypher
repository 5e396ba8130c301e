// How many lots sit at a location (read from the node's relationship count, not by visiting them).
// Parameters: $location location code.   Example: :param location => 'MAIN-STORE'
OPTIONAL MATCH (loc:Location {code: $location})
RETURN CASE WHEN loc IS NULL THEN 0 ELSE COUNT { (loc)<-[:STOCKED_AT]-() } END AS totalCount
