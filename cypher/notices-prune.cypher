// Drops the notifications older than $keepSeconds (every process has read them long before,
// notices-since), some at a time; returns how many went and the time they were older than.
// Parameters: $keepSeconds how long a notice is kept
// Example: :param keepSeconds => 600
WITH datetime() - duration({seconds: $keepSeconds}) AS before
CALL (before) {
  MATCH (n:Notice)
    WHERE n.at < before
  WITH n LIMIT 10000
  DELETE n
  RETURN count(*) AS pruned
}
RETURN pruned, toString(before) AS olderThan
