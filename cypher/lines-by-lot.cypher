// Shipment lines of lots: one row per SHIPPED_IN relationship.
// Parameters: $codes list of lot codes.   Example: :param codes => ['PB-CR-260305']
UNWIND $codes AS code
MATCH (:Lot {code: code})-[s:SHIPPED_IN]->(sh:Shipment)
RETURN code AS lotCode, sh.number AS shipmentNumber, s.quantity AS quantity, s.uom AS uom
ORDER BY lotCode, shipmentNumber, quantity, uom
