package org.ream.central.persistence;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.firebirdsql.management.FBManager;
import org.jboss.logging.Logger;
import org.ream.central.platform.ReamConfig;
import org.ream.central.platform.StartupRefused;

/**
 * The main and the log database. By default two embedded Firebird files in the data
 * folder (no database server to run); an external PostgreSQL or SQL Server database
 * by configuration only. Opening happens in two steps so that the start-up can check
 * everything before it writes anything: {@link #check} reads, {@link #open} creates and migrates.
 */
@ApplicationScoped
public class Databases {

    private static final Logger LOG = Logger.getLogger(Databases.class);
    static final String FIREBIRD_CLIENT = "libfbclient.so.2";
    static final String EMBEDDED_USER = "SYSDBA";
    static final String EMBEDDED_PASSWORD = "masterkey";
    /** Next to each embedded file: the header identity of the file once it was found to be ours. */
    static final String VERIFIED_SUFFIX = ".verified";
    /** An unverified file up to this size is checked on a copy, so the check writes nothing to it. */
    static final long COPY_CHECK_LIMIT = 1L << 30;

    @Inject
    ReamConfig config;

    private final SwitchableDataSource main = new SwitchableDataSource("main");
    private final SwitchableDataSource log = new SwitchableDataSource("log");
    private DatabaseTarget mainTarget;
    private DatabaseTarget logTarget;
    private AgroalDataSource mainPool;
    private AgroalDataSource logPool;
    private final Jdbc mainJdbc = new Jdbc(main);
    private final Jdbc logJdbc = new Jdbc(log);
    private IdAllocator mainIds;
    private IdAllocator logIds;

    public Jdbc mainJdbc() {
        return mainJdbc;
    }

    public Jdbc logJdbc() {
        return logJdbc;
    }

    /** A new id for a row of the main database. */
    public long newId() {
        return mainIds.next();
    }

    /**
     * A change number (CHANGE_NO of users and groups, what sites pull after): an id, held in
     * flight until the calling transaction ends, so that readers never pass it uncommitted
     * ({@link InFlightChanges}).
     */
    public long newChangeNo() {
        long n = mainIds.next();
        InFlightChanges.taken(n);
        return n;
    }

    /** A new id for a row of the log database. */
    public long newLogId() {
        return logIds.next();
    }

    public SwitchableDataSource main() {
        return main;
    }

    public SwitchableDataSource log() {
        return log;
    }

    public Dialect mainDialect() {
        return mainTarget.dialect();
    }

    public Dialect logDialect() {
        return logTarget.dialect();
    }

    public DatabaseTarget mainTarget() {
        return mainTarget;
    }

    public DatabaseTarget logTarget() {
        return logTarget;
    }

    /** Works out where both databases are. */
    public void configure(Path dataDir) {
        ReamConfig.Db db = config.db();
        if (db.url().filter(u -> !u.isBlank()).isPresent()) {
            String url = db.url().get().trim();
            mainTarget = new DatabaseTarget("main", url, db.user().orElse(""), db.password().orElse(""), Optional.empty());
            String logUrl = db.logUrl().filter(u -> !u.isBlank()).orElse(url).trim();
            logTarget = new DatabaseTarget("log", logUrl, db.logUser().orElse(mainTarget.user()),
                    db.logPassword().orElse(mainTarget.password()), Optional.empty());
        } else {
            Path mainFile = dataDir.resolve("db").resolve("ream.fdb");
            mainTarget = embedded("main", mainFile);
            logTarget = db.logUrl().filter(u -> !u.isBlank())
                    .map(u -> new DatabaseTarget("log", u.trim(), db.logUser().orElse(""), db.logPassword().orElse(""), Optional.<Path>empty()))
                    .orElseGet(() -> embedded("log", dataDir.resolve("db").resolve("ream-log.fdb")));
        }
        try {
            mainTarget.dialect();
            logTarget.dialect();
        } catch (IllegalArgumentException e) {
            throw new StartupRefused(e.getMessage() + " (setting ream.db.url / REAM_DB_URL).");
        }
    }

    private static DatabaseTarget embedded(String role, Path file) {
        return new DatabaseTarget(role, "jdbc:firebird:embedded:" + file.toAbsolutePath(), EMBEDDED_USER, EMBEDDED_PASSWORD, Optional.of(file));
    }

    /** Read-only checks: engine present, servers reachable, existing files valid and ours. */
    public void check() {
        if (mainTarget.embedded() || logTarget.embedded()) {
            prepareEmbeddedEngine();
        }
        checkTarget(mainTarget);
        if (!logTarget.url().equals(mainTarget.url())) {
            checkTarget(logTarget);
        }
    }

    private void checkTarget(DatabaseTarget target) {
        if (target.embedded()) {
            checkEmbeddedFile(target);
            return;
        }
        try (Connection c = connect(target)) {
            SchemaGuard.checkOwnership(c, target);
        } catch (SQLException e) {
            throw refusal(target, e);
        }
    }

    /**
     * The engine writes to a database's header on every attach, so an existing file is first
     * judged from its header page alone; a file this data folder has verified before (same
     * header identity) is not opened at all, and any other one is opened as a copy.
     */
    private void checkEmbeddedFile(DatabaseTarget target) {
        Path file = target.embeddedFile().get();
        if (!Files.exists(file) || Files.exists(creatingMarker(file))) {
            return; // created (again) by open()
        }
        if (!Files.isRegularFile(file)) {
            throw new StartupRefused("Database file " + file + " is not a file. Move it away to start with a new database, or restore a backup.");
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            throw new StartupRefused("Database file " + file + " is not readable and writable by user "
                    + System.getProperty("user.name") + " (permission denied). Fix its owner or permissions.");
        }
        FirebirdFile.Header header;
        try {
            header = FirebirdFile.readHeader(file).orElse(null);
        } catch (IOException e) {
            throw new StartupRefused("Database file " + file + " cannot be read (" + e.getMessage() + "). Fix its owner or permissions.", e);
        }
        if (header == null) {
            throw new StartupRefused("Database file " + file + " is corrupt or not a Firebird database (its first page is not a database header)."
                    + " Restore it from a backup (./ream restore), or move it away to start with a new, empty database.");
        }
        if (!header.firebird3()) {
            throw new StartupRefused("Database file " + file + " was written by another Firebird version (on-disk structure " + header.odsMajor() + "."
                    + header.odsMinor() + "; Firebird 3 reads " + FirebirdFile.FIREBIRD_3_ODS + ".x). Back it up with that version's gbak and restore it with"
                    + " Firebird 3, or move it away to start with a new database.");
        }
        if (header.identity().equals(readVerified(file))) {
            return; // ours: verified at an earlier start, and not replaced since
        }
        verifyOwnership(target, file);
    }

    private void verifyOwnership(DatabaseTarget target, Path file) {
        Path copyDir = null;
        DatabaseTarget probe = target;
        try {
            long size = Files.size(file);
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            if (size <= COPY_CHECK_LIMIT && Files.getFileStore(tmp).getUsableSpace() > size + (64L << 20)) {
                copyDir = Files.createTempDirectory("ream-dbcheck");
                Path copy = copyDir.resolve(file.getFileName());
                Files.copy(file, copy);
                probe = embedded(target.role(), copy);
            } else {
                LOG.warnf("Database file %s (%d MB) is too large to verify on a copy: opening it in place", file, size >> 20);
            }
        } catch (IOException e) {
            LOG.warnf("Cannot copy %s for a read-only check (%s): opening it in place", file, e.getMessage());
        }
        try (Connection c = connect(probe)) {
            SchemaGuard.checkOwnership(c, target);
        } catch (SQLException e) {
            throw refusal(target, e);
        } finally {
            deleteTree(copyDir);
        }
    }

    private static Path verifiedMarker(Path file) {
        return file.resolveSibling(file.getFileName() + VERIFIED_SUFFIX);
    }

    private static String readVerified(Path file) {
        try {
            return Files.readString(verifiedMarker(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Remembers that this file is ours, so that the next start need not open it to check. */
    private static void markVerified(DatabaseTarget target) {
        if (!target.embedded()) {
            return;
        }
        Path file = target.embeddedFile().get();
        try {
            Optional<FirebirdFile.Header> header = FirebirdFile.readHeader(file);
            if (header.isPresent() && !header.get().identity().equals(readVerified(file))) {
                Path tmp = file.resolveSibling(file.getFileName() + VERIFIED_SUFFIX + ".tmp");
                Files.writeString(tmp, header.get().identity() + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, verifiedMarker(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            LOG.warnf("Cannot record %s as verified (%s): the next start checks it again", file, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("Cannot delete %s: %s", dir, e.getMessage());
        }
    }

    private StartupRefused refusal(DatabaseTarget target, SQLException e) {
        String msg = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        if (target.embedded()) {
            Path file = target.embeddedFile().get();
            return new StartupRefused("Database file " + file + " cannot be opened by the Firebird engine (" + msg
                    + "). If another program has it open, stop that program; otherwise it is corrupt: restore it from a backup (./ream restore)"
                    + " or move it away to start with a new database.", e);
        }
        return new StartupRefused("Cannot reach the " + target.role() + " database at " + target.displayUrl() + " (" + msg
                + "). Check that the database server runs and that ream.db." + (target.role().equals("log") ? "log-" : "")
                + "url, user and password (REAM_DB_" + (target.role().equals("log") ? "LOG_" : "") + "*) are right.", e);
    }

    /** Points Jaybird at the operating system's Firebird engine, or says how to install it. */
    private void prepareEmbeddedEngine() {
        String lib = config.db().firebirdLib();
        Path client = Path.of(lib, FIREBIRD_CLIENT);
        if (!Files.exists(client) && !Files.exists(Path.of(lib, "libfbclient.so"))) {
            throw new StartupRefused("The embedded database needs the Firebird 3 engine, not found in " + lib
                    + ". On Debian/Ubuntu: sudo apt-get install firebird3.0-server-core libfbclient2 (or set REAM_DB_FIREBIRD_LIB to the folder holding libfbclient.so.2).");
        }
        // Both must be set before Jaybird loads the native library.
        String current = System.getProperty("jna.library.path");
        if (current == null || !current.contains(lib)) {
            System.setProperty("jna.library.path", current == null || current.isBlank() ? lib : current + ":" + lib);
        }
        // Agroal closing connections races Jaybird's native shutdown hook otherwise (SIGSEGV at exit).
        System.setProperty("org.firebirdsql.nativeResourceShutdownDisabled", "true");
    }

    /**
     * The embedded Firebird engine installs its own SIGINT/SIGTERM handlers when it loads and,
     * on a signal, closes every attachment from a thread of its own while the JVM is still
     * running its shutdown (the last log entries and any transaction in flight then fail with
     * "closed connection"), and does not hand the signal on to the JVM. Installing a Java
     * handler again takes the signals back: it exits as the JVM's own handler does (status
     * 128 + signal), which runs Quarkus's orderly shutdown, pools closed before the engine.
     */
    @SuppressWarnings("restriction")
    static void reclaimTerminationSignals() {
        for (String name : new String[] { "TERM", "INT", "HUP" }) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> System.exit(128 + s.getNumber()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debugf("Signal %s left as it is: %s", name, e.getMessage());
            }
        }
    }

    Connection connect(DatabaseTarget target) throws SQLException {
        Properties props = new Properties();
        if (!target.user().isEmpty()) {
            props.setProperty("user", target.user());
        }
        if (!target.password().isEmpty()) {
            props.setProperty("password", target.password());
        }
        if (target.dialect() == Dialect.FIREBIRD) {
            props.setProperty("charSet", "UTF-8");
        }
        DriverManager.setLoginTimeout((int) Math.max(1, config.db().connectTimeout().toSeconds()));
        try {
            Class.forName(target.dialect().driverClass());
        } catch (ClassNotFoundException e) {
            throw new SQLException("JDBC driver missing: " + target.dialect().driverClass(), e);
        }
        return DriverManager.getConnection(target.url(), props);
    }

    /** Creates missing embedded files, opens the pools and applies the migrations. */
    public void open() {
        boolean mainCreated = createIfMissing(mainTarget);
        boolean logCreated = createIfMissing(logTarget);
        mainPool = pool(mainTarget, config.db().poolMax());
        main.switchTo(mainPool);
        if (logTarget.url().equals(mainTarget.url())) {
            logPool = null;
            log.switchTo(mainPool);
        } else {
            logPool = pool(logTarget, Math.max(4, config.db().poolMax() / 2));
            log.switchTo(logPool);
        }
        Migrations.apply(main, mainTarget, "db/main-changelog.yaml", "main");
        Migrations.apply(log, logTarget, "db/log-changelog.yaml", "log");
        StatementCache.schemaChanged();
        if (mainTarget.embedded() || logTarget.embedded()) {
            reclaimTerminationSignals(); // the engine is loaded by now
        }
        if (mainCreated) {
            finishCreation(mainTarget);
        }
        if (logCreated) {
            finishCreation(logTarget);
        }
        markVerified(mainTarget);
        markVerified(logTarget);
        mainIds = new IdAllocator(main, mainTarget.dialect(), "REAM_ID_SEQ");
        logIds = new IdAllocator(log, logTarget.dialect(), "LOG_ID_SEQ");
    }

    /**
     * Creates a missing embedded database file. A new file gets its schema with forced
     * writes off (the first migration runs dozens of DDL commits: seconds saved at the first
     * start) and forced writes on once migrated; a marker file makes an interrupted creation
     * start over instead of leaving a half-made database behind.
     */
    private boolean createIfMissing(DatabaseTarget target) {
        if (!target.embedded()) {
            return false;
        }
        Path file = target.embeddedFile().get();
        Path marker = creatingMarker(file);
        try {
            if (Files.exists(marker)) {
                LOG.warnf("The creation of %s was interrupted last time; creating it again", file);
                Files.deleteIfExists(file);
            } else if (Files.exists(file)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(marker, "created " + java.time.Instant.now());
        } catch (java.io.IOException e) {
            throw new StartupRefused("Cannot create the embedded database " + file + ": " + e.getMessage(), e);
        }
        FBManager manager = new FBManager("EMBEDDED");
        try {
            manager.setPageSize(16384);
            manager.setDefaultCharacterSet("UTF8");
            manager.setForceWrite(false);
            manager.start();
            manager.createDatabase(file.toAbsolutePath().toString(), EMBEDDED_USER, EMBEDDED_PASSWORD);
            LOG.infof("Created the %s database %s", target.role(), file);
            return true;
        } catch (Exception e) {
            throw new StartupRefused("Cannot create the embedded database " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                manager.stop();
            } catch (Exception ignored) {
                // nothing left to release
            }
        }
    }

    private void finishCreation(DatabaseTarget target) {
        Path file = target.embeddedFile().get();
        org.firebirdsql.management.FBMaintenanceManager mm = new org.firebirdsql.management.FBMaintenanceManager("EMBEDDED");
        mm.setDatabase(file.toAbsolutePath().toString());
        mm.setUser(EMBEDDED_USER);
        mm.setPassword(EMBEDDED_PASSWORD);
        try {
            mm.setForcedWrites(true);
            Files.deleteIfExists(creatingMarker(file));
        } catch (Exception e) {
            throw new StartupRefused("Cannot finish creating the embedded database " + file + ": " + e.getMessage(), e);
        }
    }

    static Path creatingMarker(Path file) {
        return file.resolveSibling(file.getFileName() + ".creating");
    }

    private AgroalDataSource pool(DatabaseTarget target, int maxSize) {
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp
                        .minSize(0)
                        .initialSize(1)
                        .maxSize(maxSize)
                        .acquisitionTimeout(config.db().connectTimeout())
                        .reapTimeout(Duration.ofMinutes(5))
                        .validationTimeout(Duration.ofMinutes(1))
                        .connectionFactoryConfiguration(cf -> {
                            cf.jdbcUrl(target.url()).connectionProviderClassName(target.dialect().driverClass()).autoCommit(true);
                            if (!target.user().isEmpty()) {
                                cf.principal(new NamePrincipal(target.user()));
                            }
                            if (!target.password().isEmpty()) {
                                cf.credential(new SimplePassword(target.password()));
                            }
                            if (target.dialect() == Dialect.FIREBIRD) {
                                cf.jdbcProperty("charSet", "UTF-8");
                            }
                            return cf;
                        }));
        try {
            return AgroalDataSource.from(supplier, StatementCache.POOL_LISTENER);
        } catch (SQLException e) {
            throw refusal(target, e);
        }
    }

    @PreDestroy
    void close() {
        if (logPool != null) {
            logPool.close();
        }
        if (mainPool != null) {
            mainPool.close();
        }
    }
}
