package dev.threadline.neo4j;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.ByteUnit;
import picocli.CommandLine;

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
 * DIR --port 7687 [--page-cache 256m] [--plugin-dir target/plugins]}
 *
 * <p>With {@code --plugin-dir}, Neo4j registers the procedures of the jars in that directory
 * (Graph Data Science: {@code target/plugins}, whose jars are also on the classpath, as a Neo4j
 * server has {@code plugins/}), and {@code gds.*} may use Neo4j's internals
 * ({@code procedure_unrestricted}). Without it, the database has no GDS procedures.
 *
 * <p>{@code Launcher import --data-dir DIR [--then STEPS.json] [--page-cache 512m] -- ARGS}
 * runs Neo4j's offline importer ({@code neo4j-admin database import full ARGS}) into the store
 * under DIR; the database must not be running. With {@code --then}, it then opens the new database in the same process
 * (no Bolt) and runs the steps in that file (see {@link #runSteps}): the schema and the values
 * CSV cannot carry, so the store is finished before anyone connects. It exits with the
 * importer's exit code, or 1 if a step failed.
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
    if (args.length > 0 && args[0].equals("import")) {
      System.exit(runImport(Arrays.asList(args).subList(1, args.length)));
    }
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

    DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(dataDir);
    String pluginDir = options.get("plugin-dir");
    if (pluginDir != null) {
      builder
          .setConfig(GraphDatabaseSettings.plugin_dir, Path.of(pluginDir).toAbsolutePath())
          .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
    }
    DatabaseManagementService service =
        builder
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

  /**
   * Runs {@code neo4j-admin database import full} with {@code args} after {@code --}, with DIR
   * (from {@code --data-dir DIR}) as Neo4j's home, so the new store is where {@link #main} opens
   * it.
   */
  static int runImport(List<String> args) throws Exception {
    int separator = args.indexOf("--");
    if (separator < 0) {
      throw new IllegalArgumentException(
          "Usage: import --data-dir DIR [--then STEPS.json] [--page-cache 512m] -- <neo4j-admin"
              + " database import full arguments>");
    }
    Map<String, String> options =
        parseOptions(args.subList(0, separator).toArray(String[]::new));
    Path home = Path.of(required(options, "data-dir")).toAbsolutePath();
    ExecutionContext context = new ExecutionContext(home, home.resolve("conf"));
    String[] importArgs = args.subList(separator + 1, args.size()).toArray(String[]::new);
    long started = System.nanoTime();
    int code = new CommandLine(new ImportCommand.Full(context)).execute(importArgs);
    System.out.println(PHASE_LINE + " import " + secondsSince(started));
    if (code != 0 || options.get("then") == null) return code;
    started = System.nanoTime();
    runSteps(home, Path.of(options.get("then")), parseBytes(options.getOrDefault("page-cache", "512m")));
    System.out.println(PHASE_LINE + " finish " + secondsSince(started));
    return 0;
  }

  /** Printed after each phase of {@code import}: the phase's name and its seconds. */
  public static final String PHASE_LINE = "THREADLINE_IMPORT_PHASE";

  private static String secondsSince(long nanos) {
    return String.format("%.1f", (System.nanoTime() - nanos) / 1e9);
  }

  /**
   * Opens the database under {@code home} without any connector and runs the steps in {@code
   * file}, a JSON list, in order. A step is one of:
   *
   * <ul>
   *   <li>{@code {"schema": [statements]}}: schema commands in one transaction (Neo4j then
   *       populates the plain indexes together, in one job), then waits until all are online;
   *   <li>{@code {"fill": {"label": label, "key": key}}}: every node of the label without the
   *       property gets an empty list (the offline importer reads an empty field as no
   *       property), a batch of nodes per transaction;
   *   <li>{@code {"cypher": statement, "parameters": {..}}}: one transaction;
   * </ul>
   *
   * <p>The caller writes the statements (server/import/bulk): labels and keys in them come from
   * its allowlists, values only as parameters.
   */
  @SuppressWarnings("unchecked")
  static void runSteps(Path home, Path file, long pageCacheBytes) throws Exception {
    List<Map<String, Object>> steps = new ObjectMapper().readValue(file.toFile(), List.class);
    long started = System.nanoTime();
    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, false)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
            .build();
    try {
      GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      db.executeTransactionally("RETURN 1");
      System.out.println("Opened the new database in " + secondsSince(started) + " s");
      for (Map<String, Object> step : steps) {
        started = System.nanoTime();
        if (step.get("schema") instanceof List<?> schema) {
          try (Transaction tx = db.beginTx()) {
            for (Object statement : schema) tx.execute((String) statement).close();
            tx.commit();
          }
          try (Transaction tx = db.beginTx()) {
            tx.schema().awaitIndexesOnline(1, TimeUnit.HOURS);
          }
          System.out.println("Schema online in " + secondsSince(started) + " s");
          continue;
        }
        if (step.get("fill") instanceof Map<?, ?> fill) {
          fillEmptyLists(db, (String) fill.get("label"), (String) fill.get("key"));
          System.out.println("Fill done in " + secondsSince(started) + " s");
          continue;
        }
        String cypher = (String) step.get("cypher");
        Map<String, Object> parameters =
            (Map<String, Object>) step.getOrDefault("parameters", Map.of());
        db.executeTransactionally(cypher, parameters);
        System.out.println("Step done in " + secondsSince(started) + " s");
      }
    } finally {
      long closing = System.nanoTime();
      service.shutdown();
      System.out.println("Closed the new database in " + secondsSince(closing) + " s");
    }
  }

  private static final int FILL_BATCH = 50_000;

  /** Gives every node of {@code label} without {@code key} an empty list, in batches. */
  private static void fillEmptyLists(GraphDatabaseService db, String label, String key) {
    long[] ids = new long[1024];
    int count = 0;
    try (Transaction tx = db.beginTx();
        var nodes = tx.findNodes(Label.label(label))) {
      while (nodes.hasNext()) {
        Node node = nodes.next();
        if (node.hasProperty(key)) continue;
        if (count == ids.length) ids = Arrays.copyOf(ids, count * 2);
        ids[count++] = node.getId();
      }
    }
    for (int from = 0; from < count; from += FILL_BATCH) {
      try (Transaction tx = db.beginTx()) {
        for (int i = from; i < Math.min(count, from + FILL_BATCH); i++) {
          tx.getNodeById(ids[i]).setProperty(key, new String[0]);
        }
        tx.commit();
      }
    }
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
