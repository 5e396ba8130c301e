// EPCIS import: what the document said of the events just recorded from it, kept on their Event
// nodes: the eventID of the EPCIS event it came from (one EPCIS event may make several lotgraph
// events: a receipt per lot), the FSMA 204 export's reference for a receipt without business
// transaction; and, for the export, the event's local time zone offset (eventTimeZoneOffset) and
// the certificates it referred to (certificationInfo; null when none).
// Parameters: $events [{id (the Event's id), epcisEventId, timeZoneOffset (±hh:mm), certificationInfo (list of URIs, or null)}]
// Example: :param events => [{id: 'demo:receive:SALT-260302', epcisEventId: 'urn:uuid:6f1c8a3e-0d6e-4b1c-9f8e-1c2d3e4f5a6b', timeZoneOffset: '+02:00', certificationInfo: ['https://coa.example/BSW-2602-17']}]
UNWIND $events AS x
MATCH (e:Event {id: x.id})
SET e.epcisEventId = x.epcisEventId, e.timeZoneOffset = x.timeZoneOffset, e.certificationInfo = x.certificationInfo
RETURN count(e) AS marked
