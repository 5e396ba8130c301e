// The unit a material has now and how many lots use it (a material's unit is fixed once it has lots).
// Parameters: $sku.   Example: :param sku => 'RAW-PEANUT'
MATCH (m:Material {sku: $sku})
RETURN m.uom AS uom, COUNT { (m)<-[:OF_MATERIAL]-(:Lot) } AS lots
