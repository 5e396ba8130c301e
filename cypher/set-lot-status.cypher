// Sets the status of lots (holds, releases, recalls); answers each lot's status before.
// Parameters: $codes list of lot codes, $status one of AVAILABLE ON_HOLD QUARANTINED RELEASED RECALLED DESTROYED
// Example: :params {codes: ['PB-CR-260312'], status: 'ON_HOLD'}
UNWIND $codes AS code
MATCH (l:Lot {code: code})
WITH l, l.status AS was
SET l.status = $status
RETURN l.code AS code, was
