package org.ream.central.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jboss.logging.Logger;
import org.ream.central.platform.StartupRefused;

/**
 * Applies the Liquibase changelogs (the one definition of the schema for Firebird,
 * PostgreSQL and SQL Server). Liquibase takes about a second to initialise, so a
 * database whose recorded changelog hash matches the packaged one is not touched.
 */
public final class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class);

    static {
        // Liquibase would otherwise try to send usage analytics over the network at each run.
        if (System.getProperty("liquibase.analytics.enabled") == null) {
            System.setProperty("liquibase.analytics.enabled", "false");
        }
    }

    private Migrations() {
    }

    public static void apply(DataSource ds, DatabaseTarget target, String changelog, String component) {
        String hash = hash(changelog);
        try (Connection c = ds.getConnection()) {
            java.util.List<String> tables = SchemaGuard.userTables(c);
            if (tables.contains("REAM_INFO") && hash.equals(recordedHash(c, component))) {
                return;
            }
            long started = System.nanoTime();
            if (tables.isEmpty() && target.dialect() == Dialect.FIREBIRD) {
                java.util.Optional<java.util.List<String>> script = FirebirdSchemaScript.statements(changelog, hash);
                if (script.isPresent()) {
                    FirebirdSchemaScript.run(c, script.get());
                    record(c, component, hash);
                    LOG.infof("Schema of the new %s database created (%s, %d ms)", target.role(), changelog, (System.nanoTime() - started) / 1_000_000);
                    return;
                }
            }
            UnicodeTypes.register();
            // Liquibase's console UI would print its own banners and stack dumps; route it to the log.
            liquibase.Scope.child(java.util.Map.of(liquibase.Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService(),
                    "liquibase.showSummaryOutput", liquibase.UpdateSummaryOutputEnum.LOG), () -> {
                Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()), database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
            record(c, component, hash);
            LOG.infof("Schema of the %s database is up to date (%s, %d ms)", target.role(), changelog, (System.nanoTime() - started) / 1_000_000);
        } catch (StartupRefused e) {
            throw e;
        } catch (Exception e) {
            throw new StartupRefused("Cannot apply the schema to the " + target.role() + " database " + target.displayUrl() + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' '), e);
        }
    }

    private static String recordedHash(Connection c, String component) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT SCHEMA_HASH FROM REAM_INFO WHERE COMPONENT = ?")) {
            ps.setString(1, component);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void record(Connection c, String component, String hash) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement up = c.prepareStatement("UPDATE REAM_INFO SET SCHEMA_HASH = ?, UPDATED_AT = ? WHERE COMPONENT = ?")) {
            up.setString(1, hash);
            up.setObject(2, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
            up.setString(3, component);
            if (up.executeUpdate() == 0) {
                try (PreparedStatement in = c.prepareStatement("INSERT INTO REAM_INFO (COMPONENT, APP_ID, SCHEMA_HASH, UPDATED_AT) VALUES (?, ?, ?, ?)")) {
                    in.setString(1, component);
                    in.setString(2, SchemaGuard.APP_ID);
                    in.setString(3, hash);
                    in.setObject(4, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
                    in.executeUpdate();
                }
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static String hash(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Changelog missing from the build: " + resource);
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(in.readAllBytes());
            md.update(resource.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
