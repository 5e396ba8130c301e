// A stock count's difference from the books, added to the lot's running total of adjustments
// (onHand and massBalance count it; the count itself is its ADJUSTMENT event and CONCERNS entry).
// Parameters: $code lot code, $delta counted minus books (signed)
// Example: :params {code: 'SALT-260302', delta: -2.5}
MATCH (l:Lot {code: $code})
SET l.adjusted = coalesce(l.adjusted, 0.0) + $delta
RETURN l.code AS code
