// FSMA 204 transformation events (21 CFR 1.1350) touching the given lots: one row per input lot
// and new lot of each work order that consumed or produced one of them, where that input or that
// new lot is one of them. The work order is the reference document; where it was done, its site
// text and the site of the location it put its new lots at (null when its event put them at none).
// Parameters: $codes lot codes (distinct); $skus material SKUs or null (any product; a row
//   matches when its input's or its new lot's material is one of them);
//   $from, $to ISO date-times, inclusive, or null (open), on the work order's completion
// Example: :params {codes: ['SALT-260302'], skus: null, from: null, to: null}
UNWIND $codes AS code
MATCH (:Lot {code: code})-[:CONSUMED_BY|PRODUCED]-(w:WorkOrder)
WITH DISTINCT w
WHERE ($from IS NULL OR w.completedAt >= datetime($from))
  AND ($to IS NULL OR w.completedAt <= datetime($to))
WITH w, COLLECT {
  MATCH (e:Event {subject: w.number, type: 'RECORD_PRODUCTION'})-[p:CONCERNS]->(:Lot)
  WHERE p.type = 'PRODUCED' AND NOT EXISTS { (:Event)-[:REVERSES]->(e) }
  MATCH (:Location {code: p.location})-[:IN_SITE]->(site:Site)
  RETURN site {.code, .name, .address, .gln}
}[0] AS producedAt
MATCH (input:Lot)-[c:CONSUMED_BY]->(w)-[o:PRODUCED]->(output:Lot)
WHERE input.code IN $codes OR output.code IN $codes
MATCH (input)-[:OF_MATERIAL]->(im:Material), (output)-[:OF_MATERIAL]->(om:Material)
WHERE $skus IS NULL OR im.sku IN $skus OR om.sku IN $skus
RETURN w.number AS workOrderNumber, w.kind AS kind, w.site AS site, producedAt, w.completedAt AS date,
       output.code AS lotCode, o.quantity AS quantity, o.uom AS uom, om {.sku, .name, .gtin} AS product,
       input.code AS inputLotCode, c.quantity AS inputQuantity, c.uom AS inputUom, im {.sku, .name, .gtin} AS inputProduct
