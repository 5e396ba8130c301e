// Bulk load: creates or updates materials, as upsertMaterial does for one (bypassing its checks).
// Parameters: $rows [{sku, name, kind, uom, gtin}]
// Example:    :param rows => [{sku: 'RAW-HONEY', name: 'Honey, clover', kind: 'INGREDIENT', uom: 'kg', gtin: null}]
UNWIND $rows AS r
OPTIONAL MATCH (old:Material {sku: r.sku})
WITH r, old IS NULL AS isNew
MERGE (m:Material {sku: r.sku})
SET m.name = r.name, m.kind = r.kind, m.uom = r.uom, m.gtin = r.gtin
RETURN count(CASE WHEN isNew THEN 1 END) AS created
