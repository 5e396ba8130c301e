// Takes the write lock of each lot (setting and removing a marker property changes nothing),
// so that concurrent consumptions and shipments of one lot run one after the other and each
// sees the quantities the previous one left. Lock in code order to avoid deadlocks.
// Parameters: $codes sorted list of lot codes.   Example: :param codes => ['PEANUT-260302-GA', 'SALT-260302']
UNWIND $codes AS code
MATCH (l:Lot {code: code})
SET l._lock = true
REMOVE l._lock
RETURN count(l) AS locked
