package org.ream.central.persistence;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server of the system tests: 127.0.0.1:5432, trust authentication, an
 * existing database {@code test} to connect to while creating and dropping throw-away
 * databases ({@code ream_it_<random>}).
 */
public final class PostgresServer {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    private static final List<String> USERS = List.of("postgres", "root");
    private static volatile Optional<String> user;

    private PostgresServer() {
    }

    /** Skips the annotated test class, with the reason, when no usable PostgreSQL is there. */
    public static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return unavailableReason().map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("PostgreSQL on " + HOST + ":" + PORT + " as " + user().orElseThrow()));
        }
    }

    /** Why the PostgreSQL tests cannot run here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 1000);
        } catch (IOException e) {
            return Optional.of("PostgreSQL system test skipped: nothing listens on " + HOST + ":" + PORT
                    + " (start a local PostgreSQL with trust authentication and a database named test)");
        }
        if (user().isEmpty()) {
            return Optional.of("PostgreSQL system test skipped: " + HOST + ":" + PORT + " accepts none of the users " + USERS
                    + " without a password on database test");
        }
        return Optional.empty();
    }

    /** The first of postgres, root that can log in to database test without a password. */
    public static synchronized Optional<String> user() {
        if (user == null) {
            user = USERS.stream().filter(PostgresServer::canLogIn).findFirst();
        }
        return user;
    }

    private static boolean canLogIn(String name) {
        try (Connection c = connect("test", name)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database + "?connectTimeout=5";
    }

    /** Creates an empty database with a fresh name and returns the name. */
    public static String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        return name;
    }

    /** Drops the database even if connections are still open (PostgreSQL 13+). */
    public static void dropDatabase(String name) {
        if (name != null) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static Connection connect(String database) throws SQLException {
        return connect(database, user().orElseThrow());
    }

    private static Connection connect(String database, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        return TestDatabases.connect("org.postgresql.Driver", url(database), p);
    }

    private static void execute(String sql) {
        try (Connection c = connect("test"); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * A test resource that creates a database ({@code prefix} init argument plus a random part)
     * before the server starts, points ream.db.url and ream.db.user at it, and drops it once the
     * server stopped.
     */
    public static final class FreshDatabase implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {
        private String prefix = "ream_it";
        private String name;

        @Override
        public void init(java.util.Map<String, String> initArgs) {
            prefix = initArgs.getOrDefault("prefix", prefix);
        }

        @Override
        public java.util.Map<String, String> start() {
            name = createDatabase(prefix);
            return java.util.Map.of("ream.db.url", "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, "ream.db.user", user().orElseThrow());
        }

        @Override
        public void stop() {
            dropDatabase(name);
        }
    }
}
