package org.ream.central.reporting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database views for external reports (manual 11.2.4) and their columns, in the order the
 * changelog (main-changelog.yaml, changesets issue5-bi-*) defines them and docs/bi-views.md
 * describes them. The read-only account is granted SELECT on exactly these.
 */
public final class BiViews {

    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("DIM_PRINTER_V2", List.of("ID", "NAME", "IP_ADDRESS", "MAC", "BRAND", "MODEL", "LOCATION", "SERIAL_NUMBER",
                "ASSET_NUMBER", "CONTACT", "NOTES", "MODE", "IS_COLOR", "IS_COPIER", "IS_A3", "COPIER_COLOR_COUNTER", "COPIER_MONO_COUNTER",
                "PRINTER_COLOR_COUNTER", "PRINTER_MONO_COUNTER", "SCANNER_COUNTER", "FAX_COUNTER", "SITE_ID"));
        COLUMNS.put("DIM_USER", List.of("ID", "USERNAME", "FULLNAME", "EMAIL", "PHONE", "PERSONAL_NUMBER", "CREDIT", "LANGUAGE", "NOTES"));
        COLUMNS.put("FACT_PRINTER_EVENTS", List.of("ID", "NAME", "TYPE", "CREATED", "CLOSED", "DATA", "PRINTER_ID", "SITE_ID"));
        List<String> toners = List.of("NAME", "TYPE", "INSTALLED", "REPLACED", "COUNTERS", "PERIOD", "PAGES", "PRINTER_ID", "SITE_ID");
        COLUMNS.put("FACT_TONER_REPLACEMENTS", toners);
        COLUMNS.put("V_TONERS_REPLACED", toners);
        COLUMNS.put("V_TONERS_INSTALLED", toners);
        COLUMNS.put("FACT_PRINTERJOB_COUNTERS_V3", List.of("PRINTERJOB_ID", "USER_ID", "USER_GROUP_ID", "PRINTER_ID", "PROJECT_ID", "SITE_ID",
                "TYPE", "PAYMENT_ACCOUNT", "FINISH_DATE", "FINISH_TIME", "FINISH_YEAR", "FINISH_MONTH", "FINISH_DAY", "FINISH_HOUR",
                "PAPER_FORMAT", "DUPLEX", "SHEETS", "MONO", "COLOR", "SINGLE", "PRICE", "CLICK_MONO", "CLICK_COLOR", "SESSION_ID", "JOB_ID",
                "SCAN", "FAX"));
        COLUMNS.put("FACT_JOB", List.of("ID", "SESSION_ID", "NAME", "OWNER_ID", "PRINTER_ID", "COMPUTER", "SIZE_IN_BYTES", "PAGES_MONO",
                "PAGES_COLOR", "DUPLEX", "COPIES", "STATE", "DATE_PRINTED", "TIME_PRINTED", "DATE_CREATED", "TIME_CREATED", "SITE_ID"));
        COLUMNS.put("FACT_SESSION_COUNTERS", List.of("ID", "FINISH_DATE", "FINISH_TIME", "FINISH_YEAR", "FINISH_MONTH", "FINISH_DAY",
                "FINISH_HOUR", "USER_ID", "PRINTER_ID", "PROJECT_ID", "USER_GROUP_ID", "TOTAL_PRICE_USER", "TOTAL_PRICE_ADMIN", "TOTAL_PAGES",
                "PRINT_MONO", "PRINT_COLOR", "COPY_MONO", "COPY_COLOR", "COPY_SINGLECOLOR", "FAX", "SCAN", "PAPER_A4", "PAPER_A3", "PAPER_A5",
                "PAPER_B4", "PAPER_B5", "PAPER_FOLIO", "PAPER_LEDGER", "PAPER_STATEMENT", "PAPER_OTHER", "SITE_ID"));
        COLUMNS.put("FACT_SESSION_ENV_IMPACT", List.of("ID", "DATE_CREATED", "DATE_FINISHED", "TOTAL_A4", "USER_ID", "GROUP_ID", "PRINTER_ID",
                "TOTAL_TREES", "TOTAL_CO2_GRAMS", "TOTAL_ENERGY_WH", "TOTAL_ENERGY_WH_RECYCLED", "SITE_ID"));
        COLUMNS.put("FACT_PRINTERJOB_ENV_IMPACT", List.of("ID", "PRINTERJOB_ID", "TOTAL_A4", "TOTAL_TREES", "TOTAL_CO2_GRAMS",
                "TOTAL_ENERGY_WH", "TOTAL_ENERGY_WH_RECYCLED", "SITE_ID"));
    }

    private BiViews() {
    }

    /** The view names as the databases store them unquoted on Firebird and SQL Server (PostgreSQL folds them to lower case). */
    public static List<String> names() {
        return List.copyOf(COLUMNS.keySet());
    }

    /** The columns of each view, in order. */
    public static Map<String, List<String>> columns() {
        return java.util.Collections.unmodifiableMap(COLUMNS);
    }
}
