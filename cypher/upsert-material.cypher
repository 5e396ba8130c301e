// Creates or updates a material (master data).
// Parameters: $sku, $name, $kind, $uom, $gtin
MERGE (m:Material {sku: $sku})
SET m.name = $name, m.kind = $kind, m.uom = $uom, m.gtin = $gtin
RETURN m.sku AS sku, m.name AS name, m.kind AS kind, m.uom AS uom, m.gtin AS gtin
