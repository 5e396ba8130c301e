// Creates or updates a material (master data), noting who changed it last and when.
// Parameters: $sku, $name, $kind, $uom, $gtin, $actor (who made the change)
MERGE (m:Material {sku: $sku})
SET m.name = $name, m.kind = $kind, m.uom = $uom, m.gtin = $gtin,
    m.updatedBy = $actor, m.updatedAt = datetime()
RETURN m.sku AS sku, m.name AS name, m.kind AS kind, m.uom AS uom, m.gtin AS gtin
