// The lots a GS1 label names: a lot of a material with the label's GTIN (01) whose code is the
// label's batch/lot (10), or the two as one code, "(01)<GTIN-14>(10)<batch>" (as an EPCIS import
// codes a batch another lot's code already is), or, for received lots, whose supplier lot code is
// the batch (the lot number printed on a supplier's label). Materials keep a GTIN as entered (8, 12,
// 13 or 14 digits), so the API passes every form the GTIN-14 may have been stored in. Lots named by
// their own code come first.
// Parameters: $gtins the forms of one GTIN, $lot the batch/lot number, $gtinLot the two as one code
// Example: :params {gtins: ['19520001000116'], lot: 'PB-CR-260305', gtinLot: '(01)19520001000116(10)PB-CR-260305'}
MATCH (m:Material) WHERE m.gtin IN $gtins
CALL (m) {
  MATCH (l:Lot)-[:OF_MATERIAL]->(m) WHERE l.code IN [$lot, $gtinLot]
  RETURN l, true AS byCode
  UNION
  MATCH (l:Lot)-[:OF_MATERIAL]->(m)
  MATCH (l)-[:RECEIVED_FROM {supplierLotCode: $lot}]->(:Supplier)
  RETURN l, false AS byCode
}
RETURN DISTINCT l.code AS code, byCode
ORDER BY byCode DESC, code
