// Materials by SKU.
// Parameters: $skus list of SKUs.   Example: :param skus => ['RAW-PEANUT', 'PKG-JAR-340']
UNWIND $skus AS sku
MATCH (m:Material {sku: sku})
RETURN m.sku AS sku, m.name AS name, m.kind AS kind, m.uom AS uom, m.gtin AS gtin
