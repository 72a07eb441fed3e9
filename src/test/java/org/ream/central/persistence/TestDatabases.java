package org.ream.central.persistence;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.firebirdsql.management.FBManager;

/** Throw-away databases for persistence tests: embedded Firebird files and PostgreSQL databases. */
public final class TestDatabases {

    private TestDatabases() {
    }

    static DatabaseTarget firebird(String role, Path file) {
        return new DatabaseTarget(role, "jdbc:firebird:embedded:" + file.toAbsolutePath(), Databases.EMBEDDED_USER, Databases.EMBEDDED_PASSWORD,
                Optional.of(file.toAbsolutePath()));
    }

    /** Creates an empty embedded database as the server does (16 KiB pages, UTF8). */
    static DatabaseTarget createFirebird(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        FBManager manager = new FBManager("EMBEDDED");
        manager.setPageSize(16384);
        manager.setDefaultCharacterSet("UTF8");
        manager.start();
        try {
            manager.createDatabase(file.toAbsolutePath().toString(), Databases.EMBEDDED_USER, Databases.EMBEDDED_PASSWORD);
        } finally {
            manager.stop();
        }
        return firebird("main", file);
    }

    static DatabaseTarget postgres(String database) {
        return new DatabaseTarget("main", PostgresServer.url(database), PostgresServer.user().orElseThrow(), "", Optional.empty());
    }

    static void execute(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /**
     * Through the driver itself, not DriverManager: after a @QuarkusTest in the same JVM,
     * DriverManager only knows the drivers of that test's (closed) class loader.
     */
    static Connection connect(String driverClass, String url, Properties props) throws SQLException {
        try {
            Driver driver = (Driver) Class.forName(driverClass).getDeclaredConstructor().newInstance();
            Connection c = driver.connect(url, props);
            if (c == null) {
                throw new SQLException(driverClass + " does not accept " + url);
            }
            return c;
        } catch (ReflectiveOperationException e) {
            throw new SQLException("JDBC driver missing: " + driverClass, e);
        }
    }

    /** A DataSource that opens a new connection per call, as the pools hand out connections. */
    public static DataSource dataSource(DatabaseTarget target) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Properties p = new Properties();
                p.setProperty("user", target.user());
                if (!target.password().isEmpty()) {
                    p.setProperty("password", target.password());
                }
                if (target.dialect() == Dialect.FIREBIRD) {
                    p.setProperty("charSet", "UTF-8");
                }
                return connect(target.dialect().driverClass(), target.url(), p);
            }

            @Override
            public Connection getConnection(String username, String password) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getLogger("test");
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
