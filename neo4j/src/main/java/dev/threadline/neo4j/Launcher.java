package dev.threadline.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only a Bolt connector on loopback, so that Threadline has a
 * real database on machines without Docker.
 *
 * <p>Usage: {@code java -cp target/classes:target/lib/* dev.threadline.neo4j.Launcher --data-dir
 * DIR --port 7687 [--page-cache 256m] [--tx-timeout 30s]}
 *
 * <p>Prints {@code THREADLINE_NEO4J_READY bolt://127.0.0.1:PORT} once Bolt accepts connections;
 * callers wait for that line. SIGTERM and SIGINT run the shutdown hook, which closes the store
 * cleanly so the same data directory opens again.
 */
public final class Launcher {
  public static final String READY_LINE = "THREADLINE_NEO4J_READY";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parseOptions(args);
    Path dataDir = Path.of(required(options, "data-dir")).toAbsolutePath();
    int port = Integer.parseInt(options.getOrDefault("port", "7687"));
    long pageCacheBytes = parseBytes(options.getOrDefault("page-cache", "256m"));
    String host = "127.0.0.1";

    Files.createDirectories(dataDir);
    System.out.println("Starting Neo4j Community (embedded) in " + dataDir + " ...");

    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(dataDir)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
            .setConfig(
                BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            // The HTTP connector needs servlet classes that the embedded artifact lacks.
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Neo4j ...");
                  service.shutdown();
                  System.out.println("Neo4j stopped.");
                  stopped.countDown();
                },
                "threadline-neo4j-shutdown"));

    // Opening the default database makes sure it is available before we say we are ready.
    service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    System.out.println(READY_LINE + " bolt://" + host + ":" + port);
    System.out.flush();
    stopped.await();
  }

  private static Map<String, String> parseOptions(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Expected --name value pairs (--data-dir, --port, --page-cache), got: " + arg);
      }
      options.put(arg.substring(2), args[++i]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("Missing required option --" + name);
    }
    return value;
  }

  /** Parses sizes such as 256m, 1g or a plain number of bytes. */
  static long parseBytes(String text) {
    String lower = text.trim().toLowerCase();
    char unit = lower.charAt(lower.length() - 1);
    if (Character.isDigit(unit)) {
      return Long.parseLong(lower);
    }
    long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
    return switch (unit) {
      case 'k' -> ByteUnit.kibiBytes(amount);
      case 'm' -> ByteUnit.mebiBytes(amount);
      case 'g' -> ByteUnit.gibiBytes(amount);
      default -> throw new IllegalArgumentException("Unknown size unit in " + text);
    };
  }
}
