// Stock counts' differences from the books, many lots at once (a run of counts of a batch:
// src/core/events/record.ts); each as adjust-lot.cypher adds one. Rows name different lots.
// Parameters: $rows [{code, delta}] lot code, counted minus books (signed)
// Example:    :param rows => [{code: 'SALT-260302', delta: -2.5}, {code: 'FLOUR-260302', delta: 1.0}]
UNWIND $rows AS r
MATCH (l:Lot {code: r.code})
SET l.adjusted = coalesce(l.adjusted, 0.0) + r.delta
RETURN count(*) AS adjusted
