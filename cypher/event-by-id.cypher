// The recorded event with this id, if any (idempotent recording looks here first), and the id of the
// event that reversed it (an EPCIS error declaration), if one did.
// Parameters: $id event id.   Example: :param id => 'demo:receive:PEANUT-260302-GA'
MATCH (e:Event {id: $id})
OPTIONAL MATCH (r:Event)-[:REVERSES]->(e)
RETURN e.type AS type, e.contentHash AS contentHash, e.subject AS subject, r.id AS reversedBy
