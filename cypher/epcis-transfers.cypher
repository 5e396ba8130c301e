// EPCIS export: recorded transfers by event id, each the move of one lot from one location to
// another (its TRANSFERRED entry), with its reference document, its content (payload: whether it
// moved a blocked lot), and the time zone offset and certificationInfo an imported transfer came with.
// Parameters: $ids transfer event ids
//   (the example asks about every transfer recorded)
// Example: :params {ids: COLLECT { MATCH (e:Event) WHERE e.type = 'TRANSFER' RETURN e.id }}
UNWIND $ids AS id
MATCH (e:Event {id: id})-[t:CONCERNS]->(lot:Lot)
WHERE t.type = 'TRANSFERRED' AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
RETURN e.id AS eventId, lot.code AS lotCode, t.quantity AS quantity, lot.uom AS uom, t.fromLocation AS fromLocation,
       t.location AS toLocation, t.at AS movedAt, t.reference AS referenceDocument,
       e.payload AS payload, e.timeZoneOffset AS timeZoneOffset, e.certificationInfo AS certificationInfo
ORDER BY eventId
