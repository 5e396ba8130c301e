/** GraphQL documents shared by the trace, recall and property tests. */

/** Every field of a Trace, codes only for nested objects. */
export const TRACE = `query T($code: ID!, $dir: TraceDirection!, $depth: Int, $maxLots: Int) {
  trace(lotCode: $code, direction: $dir, maxDepth: $depth, maxLots: $maxLots) {
    root { code } direction
    lots { lot { code } depth exposure }
    workOrders { number }
    shipments { number }
    customers { customer { code } shipments { number } lots { code } quantityShipped exposedQuantity }
    suppliers { code }
    edges { from to type quantity uom }
    maxDepthReached truncated
  } }`;
