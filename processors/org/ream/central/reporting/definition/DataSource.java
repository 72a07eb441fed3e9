package org.ream.central.reporting.definition;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ream.central.reporting.counting.Measure;

/**
 * The facts a report type reads: one table (its rows are the report's rows before grouping) and
 * the tables it can join to describe them. {@link #gap()} names what the replicated model does
 * not carry yet (docs/reports.md, "Gaps"): a type reading such a source is defined, validated,
 * and cannot run until the data arrives.
 */
public enum DataSource {
    SESSIONS("sessions", "USER_SESSIONS", Counters.REPLICATED, "STARTED_AT", null, Joins.USER_FACT),
    PRINTER_JOBS("printerJobs", "PRINTER_JOBS", Counters.REPLICATED, "STARTED_AT", null, with(Joins.USER_FACT, "JOBS", "USER_SESSIONS")),
    JOBS("jobs", "JOBS", Counters.JOB_ATTRIBUTES, "RECEIVED_AT", null, Joins.USER_FACT),
    PRINTER_EVENTS("printerEvents", "PRINTER_EVENTS", Counters.NONE, "EVENT_AT", null, Joins.PRINTER_FACT),
    TONER_REPLACEMENTS("tonerReplacements", "TONER_REPLACEMENTS", Counters.NONE, "REPLACED_AT", null, Joins.PRINTER_FACT),
    PRINTERS("printers", "PRINTERS", Counters.NONE, null, null, with(Joins.PRINTER_FACT, "PRICE_LISTS")),
    GROUP_MEMBERS("groupMembers", "GROUP_MEMBERS", Counters.NONE, null, null,
            List.of("USERS", "USER_ALIASES", "USER_GROUPS", "SITE_SYNC_GROUPS", "SITES")),
    SITE_RIGHTS("siteRights", "SITE_RIGHTS", Counters.NONE, null, null,
            List.of("USERS", "USER_ALIASES", "USER_GROUPS", "GROUP_MEMBERS", "SITES")),
    CREDIT_ACCOUNTS("creditAccounts", null, Counters.NONE, null, "credit", List.of("USERS", "USER_ALIASES", "USER_GROUPS", "GROUP_MEMBERS")),
    CREDIT_OPERATIONS("creditOperations", null, Counters.NONE, null, "credit",
            List.of("USERS", "USER_ALIASES", "USER_GROUPS", "GROUP_MEMBERS")),
    METER_READINGS("meterReadings", null, Counters.METER_READINGS, null, "meter-readings", Joins.PRINTER_FACT);

    /** Where a source's page counters come from. */
    public enum Counters {
        NONE,
        /** The counter columns of USER_SESSIONS and PRINTER_JOBS, as the site counted them. */
        REPLICATED,
        /** A JOBS row's pages, copies, colour, duplex and format, counted by the central rules. */
        JOB_ATTRIBUTES,
        /** Device counters read over SNMP (not replicated). */
        METER_READINGS
    }

    private static final class Joins {
        static final List<String> USER_FACT = List.of("SITES", "PRINTERS", "PRINTER_GROUP_MEMBERS", "PRINTER_GROUPS", "USERS",
                "USER_ALIASES", "GROUP_MEMBERS", "USER_GROUPS", "PROJECTS");
        static final List<String> PRINTER_FACT = List.of("SITES", "PRINTERS", "PRINTER_GROUP_MEMBERS", "PRINTER_GROUPS");
    }

    private final String id;
    private final String table;
    private final Counters counters;
    private final String timeColumn;
    private final String gap;
    private final Set<String> joins;

    DataSource(String id, String table, Counters counters, String timeColumn, String gap, List<String> joins) {
        this.id = id;
        this.table = table;
        this.counters = counters;
        this.timeColumn = timeColumn;
        this.gap = gap;
        this.joins = Set.copyOf(joins);
    }

    public String id() {
        return id;
    }

    /** The fact table; null for a source the replicated model lacks. */
    public String table() {
        return table;
    }

    public Counters counters() {
        return counters;
    }

    /** The instant column the report period applies to; null when the facts have no time. */
    public String timeColumn() {
        return timeColumn;
    }

    /** True when a period can be chosen: the facts have a time, or will have once the gap is filled. */
    public boolean periodic() {
        return timeColumn != null || this == CREDIT_OPERATIONS || this == METER_READINGS;
    }

    public String gap() {
        return gap;
    }

    /** The fact table and the tables it joins. */
    public boolean reaches(String otherTable) {
        return otherTable.equals(table) || joins.contains(otherTable);
    }

    public Set<String> joins() {
        return joins;
    }

    /** Whether a column of this source may show the measure (a parameter measure also needs its parameter). */
    public boolean offers(Measure m) {
        return switch (m.kind()) {
            case COUNTERS -> counters != Counters.NONE;
            case ROWS, PARAMETER -> true;
            case JOB_SIZE -> reaches("JOBS");
            case TONER -> this == TONER_REPLACEMENTS;
        };
    }

    public static DataSource byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElse(null);
    }

    private static List<String> with(List<String> base, String... more) {
        Set<String> all = new LinkedHashSet<>(base);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
