// Bulk load: which of these events are already recorded, with their content hashes. The loader
// skips those (same hash) or stops (other content), so a rerun writes nothing twice.
// Parameters: $ids list of event ids.   Example: :param ids => ['demo:receive:SALT-260302', 'demo:production:WO-2603-P01']
UNWIND $ids AS id
MATCH (e:Event {id: id})
RETURN e.id AS id, e.type AS type, e.contentHash AS contentHash
