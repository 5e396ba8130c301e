// Recorded events by id, what recording looks up first (the same content again is a replay, other
// content under the id a conflict), with the id of the event that reversed each (an EPCIS error
// declaration), if one did.
// Parameters: $ids list of event ids.   Example: :param ids => ['demo:receive:PEANUT-260302-GA', 'demo:production:WO-2603-P01']
UNWIND $ids AS id
MATCH (e:Event {id: id})
OPTIONAL MATCH (r:Event)-[:REVERSES]->(e)
RETURN e.id AS id, e.type AS type, e.contentHash AS contentHash, e.subject AS subject, r.id AS reversedBy
