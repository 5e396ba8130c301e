// EPCIS export: the receipts of the given lots (those that were received; produced lots have
// none), each with what the receiving ObjectEvent says: when, how much, from whom, which receipt.
// Parameters: $codes lot codes
// Example: :param codes => ['SALT-260302', 'PASTE-260304']
UNWIND $codes AS code
MATCH (l:Lot {code: code})-[r:RECEIVED_FROM]->(s:Supplier)
RETURN l.code AS lotCode, r.quantity AS quantity, r.uom AS uom, r.receivedAt AS receivedAt,
       r.receiptNumber AS receiptNumber, s.code AS supplierCode
ORDER BY lotCode
