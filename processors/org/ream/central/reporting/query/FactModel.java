package org.ream.central.reporting.query;

import java.util.ArrayList;
import java.util.List;
import org.ream.central.reporting.definition.DataSource;

/**
 * How a data source's fact rows (alias {@code F}) reach the tables its columns and filters name
 * (docs/reports.md, "Data sources"): replicated rows name other records by their site id, so
 * most joins are on (SITE_ID, SITE_RECORD_ID); users, groups and memberships are central. A path
 * is "multi" when a fact may have several rows at its end (a user's groups, a printer's groups,
 * a group's sites): a filter then asks EXISTS, never joins, so that no fact is counted twice.
 */
final class FactModel {

    static final String FACT = "F";

    /** One join: the table and its condition, {@code {a}} standing for its alias and {@code {p}} for the previous one. */
    record Step(String table, String on, boolean multi) {
        String on(String alias, String parent) {
            return on.replace("{a}", alias).replace("{p}", parent);
        }
    }

    /** The joins from the fact to a table; empty for the fact table itself. */
    record Path(List<Step> steps) {
        boolean multi() {
            return steps.stream().anyMatch(Step::multi);
        }

        boolean fact() {
            return steps.isEmpty();
        }

        Path then(Step s) {
            List<Step> more = new ArrayList<>(steps);
            more.add(s);
            return new Path(List.copyOf(more));
        }
    }

    private static final Path SELF = new Path(List.of());

    private final DataSource source;
    private final SqlDialect dialect;

    FactModel(DataSource source, SqlDialect dialect) {
        this.source = source;
        this.dialect = dialect;
    }

    DataSource source() {
        return source;
    }

    /**
     * The FROM item of the facts. Toner replacements carry the previous replacement of the same
     * colour on the same printer (over the whole table, not only the period: the toner may have
     * been installed before it). Site rights are one row per user, site and right, a right given
     * to a group counting for each of its members.
     */
    Sql from(boolean tonerLives) {
        return switch (source) {
            case TONER_REPLACEMENTS -> {
                if (!tonerLives) {
                    yield Sql.of(source.table() + " " + FACT);
                }
                String key = "COALESCE(CASE UPPER(TRIM(T_.TONER_COLOR)) WHEN 'K' THEN 'BLACK' WHEN 'C' THEN 'CYAN' WHEN 'M' THEN 'MAGENTA'"
                        + " WHEN 'Y' THEN 'YELLOW' ELSE UPPER(TRIM(T_.TONER_COLOR)) END, 'NULL')";
                String window = " OVER (PARTITION BY T_.SITE_ID, T_.PRINTER_RECORD_ID, " + key + " ORDER BY T_.REPLACED_AT, T_.ID)";
                yield Sql.of("(SELECT T_.*, LAG(T_.REPLACED_AT)" + window + " AS PREV_REPLACED_AT, LAG(T_.PAGE_COUNTER)" + window
                        + " AS PREV_PAGE_COUNTER FROM TONER_REPLACEMENTS T_) " + FACT);
            }
            case SITE_RIGHTS -> Sql.of("(SELECT R_.SITE_ID, R_.RIGHT_CODE, R_.USER_ID FROM SITE_RIGHTS R_ WHERE R_.USER_ID IS NOT NULL"
                    + " UNION SELECT R_.SITE_ID, R_.RIGHT_CODE, M_.USER_ID FROM SITE_RIGHTS R_ JOIN GROUP_MEMBERS M_ ON M_.GROUP_ID = R_.GROUP_ID) "
                    + FACT);
            default -> Sql.of(source.table() + " " + FACT);
        };
    }

    /** Whether the facts are rows of a user (replicated with USER_ID and USER_NAME). */
    boolean userFact() {
        return source == DataSource.SESSIONS || source == DataSource.PRINTER_JOBS || source == DataSource.JOBS;
    }

    /** Whether the fact rows have an ID column to keep listings in a stable order. */
    boolean hasId() {
        return source != DataSource.SITE_RIGHTS && source != DataSource.GROUP_MEMBERS;
    }

    /**
     * The joins from the facts to {@code table}; {@code flag} (a GROUP_MEMBERS flag column, from a
     * column's {@code via}) keeps only the memberships with that flag set.
     */
    Path path(String table, String flag) {
        if (table.equals(source.table()) && flag == null) {
            return SELF;
        }
        String printerOfFact = source == DataSource.PRINTERS ? "SITE_RECORD_ID" : "PRINTER_RECORD_ID";
        Step printerGroupMembers = new Step("PRINTER_GROUP_MEMBERS",
                "{a}.SITE_ID = {p}.SITE_ID AND {a}.PRINTER_RECORD_ID = {p}." + printerOfFact, true);
        Step userGroupMembers = new Step("GROUP_MEMBERS", "{a}.USER_ID = {p}.USER_ID" + (flag == null ? "" : " AND " + dialect.isTrue("{a}." + flag)),
                true);
        return switch (table) {
            case "SITES" -> source == DataSource.GROUP_MEMBERS
                    ? SELF.then(new Step("SITE_SYNC_GROUPS", "{a}.GROUP_ID = {p}.GROUP_ID", true)).then(new Step("SITES", "{a}.ID = {p}.SITE_ID", false))
                    : SELF.then(new Step("SITES", "{a}.ID = {p}.SITE_ID", false));
            case "SITE_SYNC_GROUPS" -> SELF.then(new Step("SITE_SYNC_GROUPS", "{a}.GROUP_ID = {p}.GROUP_ID", true));
            case "PRINTERS" -> SELF.then(bySiteRecord("PRINTERS", "PRINTER_RECORD_ID"));
            case "PRINTER_GROUP_MEMBERS" -> SELF.then(printerGroupMembers);
            case "PRINTER_GROUPS" -> SELF.then(printerGroupMembers)
                    .then(new Step("PRINTER_GROUPS", "{a}.SITE_ID = {p}.SITE_ID AND {a}.SITE_RECORD_ID = {p}.GROUP_RECORD_ID", false));
            case "USERS" -> SELF.then(new Step("USERS", "{a}.ID = {p}.USER_ID", false));
            case "USER_ALIASES" -> SELF.then(new Step("USER_ALIASES", "{a}.USER_ID = {p}.USER_ID", true));
            case "GROUP_MEMBERS" -> source == DataSource.GROUP_MEMBERS ? SELF : SELF.then(userGroupMembers);
            case "USER_GROUPS" -> source == DataSource.GROUP_MEMBERS
                    ? SELF.then(new Step("USER_GROUPS", "{a}.ID = {p}.GROUP_ID", false))
                    : SELF.then(userGroupMembers).then(new Step("USER_GROUPS", "{a}.ID = {p}.GROUP_ID", false));
            case "PROJECTS" -> SELF.then(bySiteRecord("PROJECTS", "PROJECT_RECORD_ID"));
            case "JOBS" -> SELF.then(bySiteRecord("JOBS", "JOB_RECORD_ID"));
            case "USER_SESSIONS" -> SELF.then(bySiteRecord("USER_SESSIONS", "SESSION_RECORD_ID"));
            case "PRICE_LISTS" -> SELF.then(bySiteRecord("PRICE_LISTS", "PRICE_LIST_RECORD_ID"));
            default -> throw new IllegalStateException("data source " + source.id() + " does not reach " + table);
        };
    }

    private static Step bySiteRecord(String table, String reference) {
        return new Step(table, "{a}.SITE_ID = {p}.SITE_ID AND {a}.SITE_RECORD_ID = {p}." + reference, false);
    }
}
