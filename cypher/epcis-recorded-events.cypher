// EPCIS import: which of these event ids are recorded already, with type, content hash and
// content (payload), so that an event imported again is recognised as the same (its lines may come
// in another order) and one that differs is reported.
// Parameters: $ids event ids
// Example: :param ids => ['demo:receive:SALT-260302', 'demo:production:WO-2603-P01']
UNWIND $ids AS id
MATCH (e:Event {id: id})
RETURN e.id AS id, e.type AS type, e.contentHash AS contentHash, e.payload AS payload
