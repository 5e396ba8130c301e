// Materials by GTIN, whatever form each was stored in: for every GTIN-14 asked about, the
// materials whose GTIN is one of its forms (the API computes the forms: the GTIN-14 and the
// shorter GTIN-13, -12, -8 its leading zeros allow).
// Parameters: $gtins list of {gtin: GTIN-14, forms: [stored forms]}
// Example: :param gtins => [{gtin: '19520001000116', forms: ['19520001000116']}]
UNWIND $gtins AS g
MATCH (m:Material) WHERE m.gtin IN g.forms
RETURN g.gtin AS gtin, m.sku AS sku, m.name AS name, m.kind AS kind, m.uom AS uom, m.gtin AS storedGtin
ORDER BY gtin, sku
