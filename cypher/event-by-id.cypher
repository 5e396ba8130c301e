// The recorded event with this id, if any (idempotent recording looks here first).
// Parameters: $id event id.   Example: :param id => 'demo:receive:PEANUT-260302-GA'
MATCH (e:Event {id: $id})
RETURN e.type AS type, e.contentHash AS contentHash, e.subject AS subject
