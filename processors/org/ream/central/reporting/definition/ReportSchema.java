package org.ream.central.reporting.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ream.central.replication.model.Column;
import org.ream.central.replication.model.ReplicatedModel;
import org.ream.central.replication.model.ReplicatedTable;

/**
 * The tables and columns a report definition may name: every replicated table with its keys
 * (docs/replication-model.md, from {@link ReplicatedModel}), and the central tables reports join
 * (users, groups, memberships, sites, site rights). The central part is checked against the
 * Liquibase changelog by a test, so a definition never names a column the database lacks.
 */
public final class ReportSchema {

    private static final Map<String, Map<String, Column.Kind>> TABLES = new LinkedHashMap<>();

    static {
        for (ReplicatedTable t : ReplicatedModel.tables().values()) {
            Map<String, Column.Kind> cols = keys();
            if (t.userReference()) {
                cols.put("USER_ID", Column.Kind.NUMBER);
            }
            for (Column c : t.columns()) {
                cols.put(c.name(), c.kind());
            }
            TABLES.put(t.table(), cols);
        }
        Map<String, Column.Kind> members = new LinkedHashMap<>();
        members.put("SITE_ID", Column.Kind.NUMBER);
        members.put("PRINTER_RECORD_ID", Column.Kind.ID);
        members.put("GROUP_RECORD_ID", Column.Kind.ID);
        TABLES.put(ReplicatedModel.PRINTER_GROUP_MEMBERS, members);

        central("USERS", "ID", Column.Kind.NUMBER, "USERNAME", Column.Kind.TEXT, "FULL_NAME", Column.Kind.TEXT, "EMAIL",
                Column.Kind.TEXT, "PHONE", Column.Kind.TEXT, "PERSONAL_NUMBER", Column.Kind.TEXT, "NOTES", Column.Kind.TEXT,
                "DELETED_AT", Column.Kind.INSTANT);
        central("USER_ALIASES", "USER_ID", Column.Kind.NUMBER, "ALIAS", Column.Kind.TEXT);
        central("USER_GROUPS", "ID", Column.Kind.NUMBER, "PARENT_ID", Column.Kind.NUMBER, "NAME", Column.Kind.TEXT, "FULL_PATH",
                Column.Kind.TEXT);
        central("GROUP_MEMBERS", "GROUP_ID", Column.Kind.NUMBER, "USER_ID", Column.Kind.NUMBER, "IS_ACCOUNTING", Column.Kind.BOOL,
                "IS_MANAGER", Column.Kind.BOOL);
        central("SITES", "ID", Column.Kind.NUMBER, "NAME", Column.Kind.TEXT, "ADDRESS", Column.Kind.TEXT, "DESCRIPTION",
                Column.Kind.TEXT);
        central("SITE_SYNC_GROUPS", "SITE_ID", Column.Kind.NUMBER, "GROUP_ID", Column.Kind.NUMBER);
        central("SITE_RIGHTS", "SITE_ID", Column.Kind.NUMBER, "RIGHT_CODE", Column.Kind.TEXT, "USER_ID", Column.Kind.NUMBER,
                "GROUP_ID", Column.Kind.NUMBER);
    }

    /** The central (not replicated) tables and columns named above. */
    public static final Set<String> CENTRAL_TABLES = Set.of("USERS", "USER_ALIASES", "USER_GROUPS",
            "GROUP_MEMBERS", "SITES", "SITE_SYNC_GROUPS", "SITE_RIGHTS");

    private ReportSchema() {
    }

    public static Map<String, Map<String, Column.Kind>> tables() {
        return Collections.unmodifiableMap(TABLES);
    }

    /** The kind of {@code TABLE.COLUMN}, or null when there is no such column. */
    public static Column.Kind kind(String table, String column) {
        Map<String, Column.Kind> cols = TABLES.get(table);
        return cols == null ? null : cols.get(column);
    }

    private static Map<String, Column.Kind> keys() {
        Map<String, Column.Kind> cols = new LinkedHashMap<>();
        cols.put("ID", Column.Kind.NUMBER);
        cols.put("SITE_ID", Column.Kind.NUMBER);
        cols.put("SITE_RECORD_ID", Column.Kind.ID);
        return cols;
    }

    private static void central(String table, Object... namesAndKinds) {
        Map<String, Column.Kind> cols = new LinkedHashMap<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            cols.put((String) namesAndKinds[i], (Column.Kind) namesAndKinds[i + 1]);
        }
        TABLES.put(table, cols);
    }
}
