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
 * it holds REAM_INFO with our application id; an empty one is adopted; anything else is
 * left untouched.
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
            boolean foreign = target.embedded() ? !tables.isEmpty() : tables.contains("DATABASECHANGELOG") || tables.stream().anyMatch(KNOWN_TABLES::contains);
            if (foreign) {
                throw new StartupRefused(where + " already holds tables of another application (" + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                        + "...) and no Ream Central marker. Point Ream Central at an empty database, or restore a Ream Central backup.");
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

    /** Tables whose presence without a marker means the database is someone else's or damaged. */
    static final List<String> KNOWN_TABLES = List.of("USERS", "USER_GROUPS", "SETTINGS", "SITES", "SCHEDULES", "AUDIT_LOG", "LOG_ENTRIES");
}
