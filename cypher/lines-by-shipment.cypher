// Lines of shipments: one row per SHIPPED_IN relationship.
// Parameters: $numbers list of shipment numbers.   Example: :param numbers => ['SH-2603-024']
UNWIND $numbers AS number
MATCH (l:Lot)-[s:SHIPPED_IN]->(:Shipment {number: number})
RETURN l.code AS lotCode, number AS shipmentNumber, s.quantity AS quantity, s.uom AS uom
ORDER BY shipmentNumber, lotCode, quantity, uom
