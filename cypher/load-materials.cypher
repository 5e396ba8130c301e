// Bulk load: creates or updates materials, as upsertMaterial does for one (bypassing its checks),
// noting who changed them last and when.
// Parameters: $rows [{sku, name, kind, uom, gtin}], $actor (who made the change)
// Example:    :params {actor: 'analyst', rows: [{sku: 'RAW-HONEY', name: 'Honey, clover', kind: 'INGREDIENT', uom: 'kg', gtin: null}]}
UNWIND $rows AS r
OPTIONAL MATCH (old:Material {sku: r.sku})
WITH r, old IS NULL AS isNew
MERGE (m:Material {sku: r.sku})
SET m.name = r.name, m.kind = r.kind, m.uom = r.uom, m.gtin = r.gtin, m.updatedBy = $actor, m.updatedAt = datetime()
RETURN count(CASE WHEN isNew THEN 1 END) AS created
