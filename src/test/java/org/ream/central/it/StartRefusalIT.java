package org.ream.central.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.firebirdsql.management.FBManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input (issue point 3): the packaged server refuses to start with one line that says
 * what is wrong and how to fix it, exits with code 2, and writes nothing to its data folder.
 * Most cases start from a data folder a server has used (databases, broker journal, lock file),
 * so that "writes nothing" covers every file a start could touch.
 */
class StartRefusalIT {

    static Path used;

    /** A data folder left by a normal start and stop of the packaged server. */
    @BeforeAll
    static void useADataFolderOnce() throws Exception {
        Path dir = ItSupport.freshFolder("refusal");
        used = dir.resolve("used-data");
        try (PackagedServer server = new PackagedServer(dir.resolve("template-run"), used)) {
            server.start().awaitReady();
            assertThat(server.stop()).as(server.output()).isIn(0, 143);
        }
        assertThat(used.resolve("db/ream.fdb")).exists();
        assertThat(used.resolve("db/ream-log.fdb")).exists();
    }

    private static Path usedCopy(String name) throws IOException {
        return ItSupport.copyTree(used, ItSupport.ROOT.resolve("refusal").resolve(name).resolve("data"));
    }

    private static PackagedServer server(Path data) throws IOException {
        return new PackagedServer(data.getParent().resolve("run"), data);
    }

    @Test
    void aCorruptDatabaseFile() throws Exception {
        Path data = usedCopy("corrupt");
        Path fdb = data.resolve("db/ream.fdb");
        byte[] garbage = new byte[256 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(fdb, garbage);
        FolderSnapshot before = FolderSnapshot.of(data);
        try (PackagedServer server = server(data)) {
            server.start();
            ItSupport.assertRefused(server, before, "Database file " + fdb.toAbsolutePath(), "corrupt", "Restore it from a backup",
                    "move it away");
        }
    }

    @Test
    void aFirebirdDatabaseOfAnotherApplication() throws Exception {
        Path data = usedCopy("foreign");
        Path fdb = data.resolve("db/ream.fdb");
        Files.delete(fdb);
        createForeignDatabase(fdb);
        FolderSnapshot before = FolderSnapshot.of(data);
        try (PackagedServer server = server(data)) {
            server.start();
            ItSupport.assertRefused(server, before, "Database file " + fdb.toAbsolutePath(), "another application", "CUSTOMERS",
                    "Move the file away");
        }
    }

    @Test
    void aDataFolderTheServerMayNotWriteTo() throws Exception {
        Path data = usedCopy("read-only");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            List<String> asOtherUser = unprivilegedRunner(data);
            FolderSnapshot before = FolderSnapshot.of(data);
            try (PackagedServer server = server(data).via(asOtherUser)) {
                server.start();
                ItSupport.assertRefused(server, before, "Data folder " + data.toAbsolutePath(), "is not writable", "permission denied",
                        "Fix the folder's owner or permissions");
            }
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aDataFolderBelowAFile() throws Exception {
        Path dir = ItSupport.freshFolder("refusal/below-a-file");
        Path file = Files.writeString(dir.resolve("data"), "a file where the data folder's parent should be");
        FolderSnapshot before = FolderSnapshot.of(dir);
        try (PackagedServer server = new PackagedServer(ItSupport.ROOT.resolve("refusal/below-a-file-run"), file.resolve("ream"))) {
            server.start();
            ItSupport.assertRefused(server, before, file.toAbsolutePath() + " is not a folder", "Set REAM_DATA_DIR");
        }
    }

    @Test
    void anUnreachableExternalDatabase() throws Exception {
        Path data = usedCopy("no-database");
        int closed = PackagedServer.freePort();
        FolderSnapshot before = FolderSnapshot.of(data);
        try (PackagedServer server = server(data).env("REAM_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/ream")
                .env("REAM_DB_USER", "ream").env("REAM_DB_PASSWORD", "secret-password")) {
            server.start();
            String line = ItSupport.assertRefused(server, before, "Cannot reach the main database at jdbc:postgresql://127.0.0.1:" + closed + "/ream",
                    "Check that the database server runs", "REAM_DB_");
            assertThat(line).doesNotContain("secret-password");
        }
    }

    @Test
    void anUnreachableExternalBroker() throws Exception {
        Path data = usedCopy("no-broker");
        int closed = PackagedServer.freePort();
        FolderSnapshot before = FolderSnapshot.of(data);
        try (PackagedServer server = server(data).env("REAM_BROKER_URL", "tcp://127.0.0.1:" + closed)
                .env("REAM_BROKER_USER", "ream").env("REAM_BROKER_PASSWORD", "ream")) {
            server.start();
            ItSupport.assertRefused(server, before, "Cannot reach the message broker at tcp://127.0.0.1:" + closed,
                    "start-external-broker.sh", "REAM_BROKER_URL", "unset REAM_BROKER_URL");
        }
    }

    @Test
    void aSiteAcceptorWithAnExternalBroker() throws Exception {
        Path data = usedCopy("site-acceptor-external");
        FolderSnapshot before = FolderSnapshot.of(data);
        try (PackagedServer server = server(data).env("REAM_BROKER_URL", "tcp://127.0.0.1:" + PackagedServer.freePort())
                .env("REAM_BROKER_SITE_ACCEPTOR_PORT", "61617")) {
            server.start();
            ItSupport.assertRefused(server, before, "ream.broker.site-acceptor.port (REAM_BROKER_SITE_ACCEPTOR_PORT)", "external",
                    "Unset the port");
        }
    }

    @Test
    void aSiteAcceptorPortTakenByAnotherProcess() throws Exception {
        Path data = usedCopy("site-acceptor-taken");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                PackagedServer server = server(data).env("REAM_BROKER_SITE_ACCEPTOR_HOST", "127.0.0.1")
                        .env("REAM_BROKER_SITE_ACCEPTOR_PORT", Integer.toString(taken.getLocalPort()))) {
            server.start();
            ItSupport.assertRefusedLine(server, "message broker", "127.0.0.1:" + taken.getLocalPort(), "REAM_BROKER_SITE_ACCEPTOR_PORT");
        }
    }

    @Test
    void noFirebirdEngine() throws Exception {
        Path data = usedCopy("no-firebird");
        FolderSnapshot before = FolderSnapshot.of(data);
        try (PackagedServer server = server(data).env("REAM_DB_FIREBIRD_LIB", "/nonexistent")) {
            server.start();
            ItSupport.assertRefused(server, before, "Firebird 3 engine", "/nonexistent",
                    "apt-get install firebird3.0-server-core libfbclient2", "REAM_DB_FIREBIRD_LIB");
        }
    }

    @Test
    void aNewDataFolderIsNotLeftBehindByARefusal() throws Exception {
        Path dir = ItSupport.freshFolder("refusal/new-folder");
        Path data = dir.resolve("not/yet/data");
        FolderSnapshot before = FolderSnapshot.of(dir);
        try (PackagedServer server = new PackagedServer(ItSupport.ROOT.resolve("refusal/new-folder-run"), data)
                .env("REAM_BROKER_URL", "tcp://127.0.0.1:" + PackagedServer.freePort())) {
            server.start();
            ItSupport.assertRefused(server, before, "Cannot reach the message broker");
        }
        assertThat(dir.resolve("not")).doesNotExist();
    }

    /** An embedded database with a table, as another Firebird application would leave it. */
    private static void createForeignDatabase(Path file) throws Exception {
        FBManager manager = new FBManager("EMBEDDED");
        manager.setPageSize(8192);
        manager.setDefaultCharacterSet("UTF8");
        manager.start();
        try {
            manager.createDatabase(file.toAbsolutePath().toString(), "SYSDBA", "masterkey");
        } finally {
            manager.stop();
        }
        try (Connection c = DriverManager.getConnection("jdbc:firebird:embedded:" + file.toAbsolutePath(), "SYSDBA", "masterkey");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE CUSTOMERS (ID INTEGER NOT NULL PRIMARY KEY, NAME VARCHAR(80))");
            st.execute("INSERT INTO CUSTOMERS VALUES (1, 'Acme')");
        }
    }

    /**
     * How to run the server as a user the folder's permissions apply to. Root ignores them, so
     * as root the server runs as nobody through setpriv; the test is skipped, not passed, when
     * that is impossible here or when nobody could write to the folder after all.
     */
    private static List<String> unprivilegedRunner(Path data) throws Exception {
        if (!isRoot()) {
            if (Files.isWritable(data)) {
                abort("Cannot make a data folder that this user may not write to (" + data + " stays writable): test skipped");
            }
            return List.of();
        }
        List<String> setpriv = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (run(setpriv, "test", "-r", PackagedServer.jar().toString()) != 0 || run(setpriv, "test", "-x", java) != 0) {
            abort("Running as root and cannot run the server as nobody (setpriv missing, or the jar or java not readable by nobody): test skipped");
        }
        if (run(setpriv, "test", "-w", data.toString()) == 0) {
            abort("As nobody the data folder " + data + " is still writable: cannot make the condition, test skipped");
        }
        return setpriv;
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static int run(List<String> prefix, String... command) {
        try {
            List<String> cmd = new java.util.ArrayList<>(prefix);
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
