// What one recorded event did to the lots that still exist (its CONCERNS entries), in the event's
// order: what an EPCIS error declaration gives back when it reverses the event.
// Parameters: $id event id.   Example: :param id => 'demo:production:WO-2603-P01'
MATCH (:Event {id: $id})-[c:CONCERNS]->(l:Lot)
RETURN l.code AS lotCode, c.type AS type, c.quantity AS quantity, c.location AS location,
       c.fromLocation AS fromLocation, c.reference AS reference
ORDER BY c.seq
