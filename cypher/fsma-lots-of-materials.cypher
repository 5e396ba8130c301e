// FSMA 204 export by product: every lot of the given materials, whose receipts, transformations
// (as input or as new lot) and shipments the sheet then lists.
// Parameters: $skus material SKUs
// Example: :param skus => ['FG-PB-CR-340']
UNWIND $skus AS sku
MATCH (:Material {sku: sku})<-[:OF_MATERIAL]-(lot:Lot)
RETURN DISTINCT lot.code AS code
