package dfs.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts a real embedded Neo4j 5.26 community DBMS (Bolt only) with APOC, for
 * local dev (`npm start`) and integration tests. Contract with callers:
 *   - stdout carries exactly one line, "NEO4J_READY bolt://HOST:PORT", once the
 *     DBMS accepts Bolt connections and APOC is verified; everything else goes
 *     to stderr or DATA_DIR/logs/debug.log.
 *   - SIGTERM/SIGINT: clean DBMS shutdown, exit 0.
 *   - port busy / bad args / startup failure: one-line error on stderr, exit != 0.
 *
 * Args: --bolt-port N (7687; 0 = any free port, reported in the READY line) --host H (127.0.0.1) --data-dir DIR (required)
 *       --plugins-dir DIR (APOC jars) --password P (or env NEO4J_PASSWORD;
 *       unset = auth disabled) --page-cache SIZE (256m) --selftest
 * A repeated flag takes its last value, so wrappers can prepend defaults.
 */
public final class Neo4jLauncher {

    private static final int EXIT_USAGE = 2;
    private static final int EXIT_PORT_BUSY = 3;
    private static final int EXIT_START_FAILED = 4;
    private static final int EXIT_SELFTEST_FAILED = 5;

    public static void main(String[] argv) {
        // Keep the real stdout for the READY line only; anything a library prints
        // to System.out (Neo4j, APOC, log4j status) ends up on stderr instead.
        PrintStream readyOut = System.out;
        System.setOut(System.err);

        String host = "127.0.0.1";
        int port = 7687;
        Path dataDir = null;
        Path pluginsDir = null;
        String password = System.getenv("NEO4J_PASSWORD");
        String pageCache = "256m";
        boolean selftest = false;
        try {
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                switch (a) {
                    case "--host" -> host = argv[++i];
                    case "--bolt-port" -> port = Integer.parseInt(argv[++i]);
                    case "--data-dir" -> dataDir = Path.of(argv[++i]).toAbsolutePath().normalize();
                    case "--plugins-dir" -> pluginsDir = Path.of(argv[++i]).toAbsolutePath().normalize();
                    case "--password" -> password = argv[++i];
                    case "--page-cache" -> pageCache = argv[++i];
                    case "--selftest" -> selftest = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + a);
                }
            }
            if (dataDir == null) throw new IllegalArgumentException("--data-dir is required");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("bad --bolt-port " + port);
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            fail(EXIT_USAGE, "neo4j-launcher: " + (e instanceof ArrayIndexOutOfBoundsException
                    ? "missing value for last argument" : e.getMessage()));
        }
        if (password != null && password.isEmpty()) password = null;

        // Fail fast with a clear message instead of Neo4j's multi-page stack trace.
        // (Tiny race with another process is acceptable; Neo4j's own bind error is
        // still mapped to the same message below.)
        if (port != 0 && !portFree(host, port)) portBusy(host, port);

        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            fail(EXIT_USAGE, "neo4j-launcher: cannot create data dir " + dataDir + ": " + e);
        }

        // Clean shutdown exactly once, whichever path triggers it.
        // Installed before the (10 s+) startup so an early SIGTERM is not lost.
        AtomicReference<DatabaseManagementService> started = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            DatabaseManagementService service = started.get();
            if (service != null && stopped.compareAndSet(false, true)) {
                long s = System.nanoTime();
                try {
                    service.shutdown();
                } catch (Throwable t) {
                    System.err.println("neo4j-launcher: error during shutdown: " + t);
                }
                System.err.printf("neo4j-launcher: stopped in %d ms%n", (System.nanoTime() - s) / 1_000_000);
            }
        };
        // Fallback for exits we don't control (System.exit elsewhere, OOM exit...).
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));

        // Own SIGTERM/SIGINT handling so that a signalled stop exits 0 (with only
        // a shutdown hook the JVM would exit 143/130).
        CountDownLatch signalled = new CountDownLatch(1);
        for (String sig : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.SignalHandler old =
                        sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> signalled.countDown());
                // The JVM keeps a signal ignored if it was ignored at exec time, e.g.
                // SIGINT for `cmd &` in a non-interactive shell; say so, don't hang silently.
                if (old == sun.misc.SignalHandler.SIG_IGN) {
                    System.err.println("neo4j-launcher: SIG" + sig + " is ignored by this process (inherited); stop it with SIGTERM");
                }
            } catch (IllegalArgumentException e) {
                System.err.println("neo4j-launcher: cannot handle SIG" + sig + ": " + e.getMessage());
            }
        }

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = null;
        try {
            // The data dir is used as NEO4J_HOME: store in DIR/data/databases,
            // tx logs in DIR/data/transactions, logs in DIR/logs/debug.log.
            DatabaseManagementServiceBuilder b = new DatabaseManagementServiceBuilder(dataDir)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // Embedded mode has no web server anyway; be explicit.
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
                    // Tests create many short-lived data dirs: don't preallocate
                    // 256 MiB tx log files, rotate small, keep little history.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    // Never phone home (CI is offline; it would only log noise).
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                    // Netty's default 5 s quiet period (x2 event-loop groups) made
                    // every stop take ~10 s; in-flight Bolt work gets 2 s, not 5 min.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(2))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(2));
            if (pluginsDir != null) b.setConfig(GraphDatabaseSettings.plugin_dir, pluginsDir);
            dbms = b.build();
        } catch (Throwable e) {
            if (hasCause(e, BindException.class) || String.valueOf(rootCause(e).getMessage()).contains("Address already in use")) {
                portBusy(host, port);
            }
            System.err.println("neo4j-launcher: startup failed (see " + dataDir.resolve("logs/debug.log") + "): " + rootCause(e));
            e.printStackTrace(System.err);
            System.exit(EXIT_START_FAILED);
        }
        final DatabaseManagementService service = dbms;
        started.set(service);
        if (signalled.getCount() == 0) { // signalled while starting: just stop
            stop.run();
            System.exit(0);
        }

        try {
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (password != null) {
                // Community has a single user; (re)set its password on every start so
                // the configured password always wins, also on an existing data dir.
                service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
            }
            // Always verify APOC is registered: a missing plugin should fail the
            // start, not some later integration test.
            String apoc = db.executeTransactionally("RETURN apoc.version() AS v", Map.of(),
                    r -> String.valueOf(r.next().get("v")));
            System.err.printf("neo4j-launcher: Neo4j %s + APOC %s, started in %d ms, data %s%n",
                    neo4jVersion(), apoc, (System.nanoTime() - t0) / 1_000_000, dataDir);
            if (selftest) {
                selftest(db);
                stop.run();
                System.exit(0);
            }
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: " + (selftest ? "selftest" : "post-start check (password/APOC)") + " failed: " + rootCause(e));
            stop.run();
            System.exit(selftest ? EXIT_SELFTEST_FAILED : EXIT_START_FAILED);
        }

        // Port 0 = ephemeral: report the port Netty actually bound, so parallel
        // test suites can each start one without coordinating ports.
        int boundPort = ((GraphDatabaseAPI) service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME))
                .getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        String uriHost = host.contains(":") ? "[" + host + "]" : host; // IPv6 literal
        readyOut.println("NEO4J_READY bolt://" + uriHost + ":" + boundPort);
        readyOut.flush();

        try {
            signalled.await();
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
        stop.run();
        System.exit(0);
    }

    /** Exercises APOC through the real kernel; prints results to stderr. */
    private static void selftest(GraphDatabaseService db) {
        Object iterate = db.executeTransactionally(
                "CALL apoc.periodic.iterate('UNWIND range(1, 1000) AS i RETURN i', "
                        + "'CREATE (:__Selftest {i: i})', {batchSize: 100}) "
                        + "YIELD batches, total, errorMessages RETURN batches, total, errorMessages",
                Map.of(), r -> r.next());
        long count = db.executeTransactionally("MATCH (n:__Selftest) RETURN count(n) AS c", Map.of(),
                r -> (Long) r.next().get("c"));
        db.executeTransactionally("MATCH (n:__Selftest) DETACH DELETE n");
        long procs = db.executeTransactionally(
                "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'apoc.' RETURN count(*) AS c", Map.of(),
                r -> (Long) r.next().get("c"));
        System.err.println("neo4j-launcher: selftest apoc.periodic.iterate -> " + iterate);
        System.err.println("neo4j-launcher: selftest created " + count + " nodes; " + procs + " apoc procedures registered");
        if (count != 1000 || procs == 0) throw new IllegalStateException("unexpected selftest result");
        System.err.println("neo4j-launcher: SELFTEST OK");
    }

    private static boolean portFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            // Same semantics as Netty's bind on Linux (SO_REUSEADDR on), so a port
            // in TIME_WAIT from a previous run is not reported as busy.
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void portBusy(String host, int port) {
        fail(EXIT_PORT_BUSY, "neo4j-launcher: bolt port " + host + ":" + port + " is already in use (or host not bindable)");
    }

    private static void fail(int code, String msg) {
        System.err.println(msg);
        System.exit(code);
    }

    private static long parseBytes(String s) {
        String v = s.trim().toLowerCase();
        long mult = 1;
        char last = v.charAt(v.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        return Long.parseLong(v) * mult;
    }

    private static String neo4jVersion() {
        String v = org.neo4j.kernel.internal.Version.getNeo4jVersion();
        return v == null ? "?" : v;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }
}
