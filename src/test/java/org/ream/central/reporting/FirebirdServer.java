package org.ream.central.reporting;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Firebird 3 server of its own for a system test (Debian's firebird3.0-server binary, not its
 * service): own configuration root, port, lock folder and security database with a SYSDBA
 * password, on 127.0.0.1 only. Ream Central then uses a database of that server as an external
 * database (jdbc:firebird://...), as docs/bi-views.md tells administrators to do for external reports.
 */
final class FirebirdServer {

    static final Path SERVER = Path.of("/usr/sbin/firebird");
    static final Path ENGINE_ROOT = Path.of("/usr/lib/x86_64-linux-gnu/firebird/3.0");
    static final String SYSDBA_PASSWORD = "Sysdba-" + UUID.randomUUID().toString().substring(0, 8);

    private FirebirdServer() {
    }

    /** Why this machine cannot run the test, or empty. */
    static Optional<String> unavailableReason() {
        if (!Files.isExecutable(SERVER)) {
            return Optional.of("Firebird server system test skipped: " + SERVER + " not found (apt-get install firebird3.0-server)");
        }
        if (!Files.exists(ENGINE_ROOT.resolve("plugins/libEngine12.so"))) {
            return Optional.of("Firebird server system test skipped: no Firebird 3 engine in " + ENGINE_ROOT + " (apt-get install firebird3.0-server-core)");
        }
        if (ExternalClient.find("isql-fb").isEmpty()) {
            return Optional.of("Firebird server system test skipped: the client isql-fb is not on the PATH (apt-get install firebird3.0-utils)");
        }
        return Optional.empty();
    }

    /** Skips the test class, saying why, when the server or its client is missing. */
    public static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return unavailableReason().map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("Firebird server " + SERVER));
        }
    }

    /** Where the running test server is, for the client side of the test. */
    static volatile int port;
    static volatile Path database;

    /** isql-fb connected to the test server's database over TCP, as a BI tool's driver would, with the operating system's client settings. */
    static ExternalClient isql(String user, String password, String script) throws Exception {
        return ExternalClient.run(List.of(ExternalClient.find("isql-fb").orElseThrow().toString(), "-q", "-user", user, "-password", password,
                "127.0.0.1/" + port + ":" + database), Map.of(), script);
    }

    /** Starts the server and creates an empty UTF8 database on it, before Ream Central starts. */
    public static final class Instance implements QuarkusTestResourceLifecycleManager {
        private Path dir;
        private Process process;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory("ream-fbserver");
                Path root = Files.createDirectories(dir.resolve("root"));
                try (Stream<Path> entries = Files.list(ENGINE_ROOT)) {
                    for (Path p : entries.toList()) {
                        String name = p.getFileName().toString();
                        if (!name.equals("firebird.conf") && !name.equals("databases.conf")) {
                            Files.createSymbolicLink(root.resolve(name), p);
                        }
                    }
                }
                int freePort;
                try (ServerSocket s = new ServerSocket(0)) {
                    freePort = s.getLocalPort();
                }
                Path security = dir.resolve("security3.fdb");
                // SecurityDatabase here, not a security.db alias in databases.conf: Firebird 3 ignores the
                // alias and would manage the users of the machine's own security3.fdb.
                Files.writeString(root.resolve("firebird.conf"), "RemoteServicePort = " + freePort + "\nRemoteBindAddress = 127.0.0.1\n"
                        + "UdfAccess = None\nSecurityDatabase = " + security + "\n", StandardCharsets.UTF_8);
                Files.writeString(root.resolve("databases.conf"), "", StandardCharsets.UTF_8);
                Map<String, String> env = Map.of("FIREBIRD", root.toString(), "FIREBIRD_LOCK", Files.createDirectories(dir.resolve("lock")).toString(),
                        "FIREBIRD_TMP", Files.createDirectories(dir.resolve("tmp")).toString());
                // The security database, created embedded under this root, with SYSDBA's password (Srp).
                ExternalClient init = ExternalClient.run(List.of(ExternalClient.find("isql-fb").orElseThrow().toString(), "-q"), env,
                        "CREATE DATABASE '" + security + "' USER 'SYSDBA';\nCREATE OR ALTER USER SYSDBA PASSWORD '" + SYSDBA_PASSWORD + "';\nCOMMIT;\n");
                if (!Files.exists(security) || init.output().contains("Statement failed")) {
                    throw new IllegalStateException("Cannot create the test server's security database: " + init.output());
                }
                ProcessBuilder pb = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
                pb.environment().putAll(env);
                process = pb.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!listening(freePort)) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("The Firebird test server did not start: " + Files.readString(dir.resolve("server.log")));
                    }
                    Thread.sleep(100);
                }
                port = freePort;
                database = dir.resolve("ream.fdb");
                ExternalClient create = ExternalClient.run(List.of(ExternalClient.find("isql-fb").orElseThrow().toString(), "-q"), Map.of(),
                        "CREATE DATABASE '127.0.0.1/" + port + ":" + database + "' USER 'SYSDBA' PASSWORD '" + SYSDBA_PASSWORD
                                + "' PAGE_SIZE 16384 DEFAULT CHARACTER SET UTF8;\n");
                if (create.exit() != 0 || !Files.exists(database)) {
                    throw new IllegalStateException("Cannot create the database on the Firebird test server: " + create.output());
                }
                ExternalClient users = isql("SYSDBA", SYSDBA_PASSWORD, "SELECT 'users=' || COUNT(*) FROM SEC$USERS;\n");
                if (!users.output().contains("users=1")) {
                    throw new IllegalStateException("The Firebird test server does not use its own security database: " + users.output());
                }
                return Map.of("ream.db.url", "jdbc:firebird://127.0.0.1:" + port + "/" + database, "ream.db.user", "SYSDBA",
                        "ream.db.password", SYSDBA_PASSWORD);
            } catch (Exception e) {
                stop();
                throw new IllegalStateException("Firebird test server: " + e.getMessage(), e);
            }
        }

        private static boolean listening(int port) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void stop() {
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }
        }
    }
}
