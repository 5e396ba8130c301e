// The notifications other API processes wrote (notices-write) since a little before a time (a
// notice is stamped as it is written and may commit a moment later), with Neo4j's time now: an API
// process asks every LOTGRAPH_NOTICE_POLL_MS from its last read's time, and from now the first time.
// Times in milliseconds since 1970, by Neo4j's clock.
// Parameters: $origin the reading process's id, $sinceMs a time or null (now), $overlapMs how much before it
// Example: :params {origin: 'api-2', sinceMs: 0, overlapMs: 5000}
WITH datetime() AS now
OPTIONAL MATCH (n:Notice)
  WHERE n.at >= datetime({epochMillis: toInteger(coalesce($sinceMs, now.epochMillis) - $overlapMs)}) AND n.origin <> $origin
RETURN now.epochMillis AS nowMs, collect(n {.id, .seq, .topic, .payload, atMs: n.at.epochMillis}) AS notices
