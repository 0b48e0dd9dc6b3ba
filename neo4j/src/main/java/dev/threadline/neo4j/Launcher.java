package dev.threadline.neo4j;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
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
 * <p>Authentication is on. Bolt on loopback is not private: it also speaks WebSocket, which any
 * web page the user opens may reach, and Neo4j 5.26 has no setting to refuse WebSocket or check
 * its Origin. So the user {@code neo4j} gets a random password, generated on first start and kept
 * in {@value #PASSWORD_FILE} inside the data directory, readable by its owner only. Every start
 * applies the password in that file, so rotating it is: stop, delete the file, start.
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
  public static final String PASSWORD_FILE = "neo4j-password";
  private static final String USER = "neo4j";

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parseOptions(args);
    Path dataDir = Path.of(required(options, "data-dir")).toAbsolutePath();
    int port = Integer.parseInt(options.getOrDefault("port", "7687"));
    long pageCacheBytes = parseBytes(options.getOrDefault("page-cache", "256m"));
    String host = "127.0.0.1";

    Files.createDirectories(dataDir);
    // The store and the password file are nobody else's business on a shared machine.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    String password = readOrCreatePassword(dataDir.resolve(PASSWORD_FILE));
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
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            // A lockout after failed logins would let any web page lock Threadline itself out
            // of its database; a 192-bit random password makes guessing hopeless without it.
            .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
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

    applyPassword(service, password);
    // Opening the default database makes sure it is available before we say we are ready.
    service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    System.out.println(READY_LINE + " bolt://" + host + ":" + port);
    System.out.flush();
    stopped.await();
  }

  /** The password in {@code file}, or a new random one written there (owner read/write only). */
  static String readOrCreatePassword(Path file) throws Exception {
    if (!Files.exists(file)) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String created = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      try {
        // Created with its permissions, so it is never readable by others, not even briefly.
        Files.createFile(
            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, created + "\n");
      } catch (FileAlreadyExistsException raced) {
        // Another start created it first; use theirs.
      }
    }
    String password = Files.readString(file).trim();
    if (password.length() < 16) {
      throw new IllegalStateException(
          file + " holds a password shorter than 16 characters; delete it to get a new one.");
    }
    return password;
  }

  /** Sets the password of {@code neo4j} from the file; the system database runs the change. */
  private static void applyPassword(DatabaseManagementService service, String password) {
    try {
      service
          .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally(
              "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    } catch (RuntimeException error) {
      // Neo4j refuses to "change" a password to the one it already has: nothing to do then.
      if (!String.valueOf(error.getMessage()).contains("cannot be the same")) throw error;
    }
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
