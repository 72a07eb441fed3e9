package org.ream.central.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ream.central.platform.StartupRefused;

/**
 * Refuses to migrate a database that belongs to something else. A database is ours when
 * it holds REAM_INFO with our application id; an empty one is adopted; anything else, any
 * table of another application included, is left untouched.
 */
public final class SchemaGuard {

    public static final String APP_ID = "ream-central";

    private SchemaGuard() {
    }

    public static void checkOwnership(Connection c, DatabaseTarget target) throws SQLException {
        List<String> tables = userTables(c);
        boolean hasInfo = tables.contains("REAM_INFO");
        String where = target.embedded() ? "Database file " + target.embeddedFile().get() : "The " + target.role() + " database at " + target.displayUrl();
        if (!hasInfo) {
            // Empty, or only Liquibase's own tables from an interrupted first run of our changelogs.
            List<String> others = tables.stream().filter(t -> !LIQUIBASE_TABLES.contains(t)).toList();
            boolean foreign = !others.isEmpty() || (tables.contains("DATABASECHANGELOG") && !onlyOurChangelogs(c));
            if (foreign) {
                List<String> shown = others.isEmpty() ? tables : others;
                throw new StartupRefused(where + " already holds tables of another application (" + String.join(", ", shown.subList(0, Math.min(5, shown.size())))
                        + (shown.size() > 5 ? ", ..." : "") + ") and no Ream Central marker (REAM_INFO). "
                        + (target.embedded() ? "Move the file away to start with a new database, or restore a Ream Central backup."
                                : "Point ream.db." + (target.role().equals("log") ? "log-" : "") + "url at an empty database or one made with docs/sql/ scripts."));
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT APP_ID FROM REAM_INFO"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!APP_ID.equals(rs.getString(1).trim())) {
                    throw new StartupRefused(where + " belongs to application '" + rs.getString(1).trim() + "', not Ream Central. Point Ream Central at its own database.");
                }
            }
        }
    }

    private static boolean onlyOurChangelogs(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE FILENAME NOT IN (?, ?)")) {
            ps.setString(1, "db/main-changelog.yaml");
            ps.setString(2, "db/log-changelog.yaml");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) == 0;
            }
        }
    }

    static List<String> userTables(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> names = new ArrayList<>();
        String schema = md.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? c.getSchema() : null;
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Tables Liquibase creates before the first changeset; alone they do not make a database foreign. */
    static final List<String> LIQUIBASE_TABLES = List.of("DATABASECHANGELOG", "DATABASECHANGELOGLOCK");
}
