// EPCIS export of a trace: the transfers of the lots its events name, as (kind, key, time) like
// epcis-events-in-period's rows; the export then reads them whole (epcis-transfers). The time in
// epoch milliseconds, as a float (the driver decodes it as a number, an integer as an object).
// Parameters: $codes lot codes
//   (the example asks about every lot ever transferred)
// Example: :params {codes: COLLECT { MATCH ()-[t:CONCERNS]->() WHERE t.type = 'TRANSFERRED' RETURN DISTINCT t.lot }}
UNWIND $codes AS code
MATCH (:Lot {code: code})<-[t:CONCERNS]-(e:Event)
WHERE t.type = 'TRANSFERRED' AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
RETURN DISTINCT 'transfer' AS kind, e.id AS key, toFloat(t.at.epochMillis) AS at
