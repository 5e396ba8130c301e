// The notifications other processes (the API's, the CLI's) wrote (notices-write) since a little
// before a time (a notice is stamped as its transaction runs and commits a moment later), after the
// last one the reader has told of each, with Neo4j's time now: an API process asks every
// LOTGRAPH_NOTICE_POLL_MS from its last read's time, and from now the first time.
// Times in milliseconds since 1970, by Neo4j's clock.
// Parameters: $origin the reading process's id, $sinceMs a time or null (now), $overlapMs how much before it,
// $seen {origin: the place (seq) of the last notice told of that process}
// Example: :params {origin: 'api-2', sinceMs: 0, overlapMs: 60000, seen: {}}
WITH datetime() AS now
OPTIONAL MATCH (n:Notice)
  WHERE n.at >= datetime({epochMillis: toInteger(coalesce($sinceMs, now.epochMillis) - $overlapMs)}) AND n.origin <> $origin
    AND n.seq > coalesce($seen[n.origin], -1)
RETURN now.epochMillis AS nowMs, collect(n {.id, .seq, .origin, .topic, .payload, atMs: n.at.epochMillis}) AS notices
