// EPCIS import: what the document said of the events just recorded from it, kept on their Event
// nodes for the export: the local time zone offset of the event (eventTimeZoneOffset).
// Parameters: $events [{id (the Event's id), timeZoneOffset (±hh:mm)}]
// Example: :param events => [{id: 'urn:uuid:6f1c…', timeZoneOffset: '+02:00'}]
UNWIND $events AS x
MATCH (e:Event {id: x.id})
SET e.timeZoneOffset = x.timeZoneOffset
RETURN count(e) AS marked
