package lotgraph.neo4j;

import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j Community, embedded, with its Bolt connector on loopback: the database lotgraph's
 * development and CI runs talk to through neo4j-driver exactly as to a server.
 *
 * Environment (defaults in brackets):
 *   NEO4J_BOLT_PORT [7687]            Bolt port on 127.0.0.1
 *   NEO4J_DATA_DIR  [./data]          database files (git-ignored)
 *   NEO4J_PAGECACHE [2g]              page cache; the heap is set by the caller's -Xmx
 *   NEO4J_TX_LOG_RETENTION [100M size] transaction logs kept after a checkpoint
 */
public final class Neo4jLocal {
  private Neo4jLocal() {}

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
    Path dataDir = Path.of(env("NEO4J_DATA_DIR", "data")).toAbsolutePath();

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dataDir)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        // What the routing table names (neo4j:// URIs): this port, not Neo4j's default 7687,
        // which may be another Neo4j on the machine.
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(env("NEO4J_PAGECACHE", "2g")))
        .setConfig(GraphDatabaseSettings.keep_logical_logs, env("NEO4J_TX_LOG_RETENTION", "100M size"))
        // The API's transaction timeout is enforced on this tick (Neo4j's default is 2 s, which
        // would let a request run up to 2 s past LOTGRAPH_TX_TIMEOUT_MS).
        .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
        // Loopback-only development database: no users to provision, any credentials accepted.
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .build();

    // SIGTERM and SIGINT run shutdown hooks: checkpoint and close the store cleanly.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("neo4j-local: shutting down");
      dbms.shutdown();
      System.out.println("neo4j-local: stopped");
    }, "neo4j-local-shutdown"));

    // build() returns once the DBMS, Bolt included, has started.
    System.out.println("neo4j-local: Bolt accepting connections on bolt://127.0.0.1:" + port
        + " (data: " + dataDir + ")");
  }
}
