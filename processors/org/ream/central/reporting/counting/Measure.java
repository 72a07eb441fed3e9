package org.ream.central.reporting.counting;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The named values a report column may show besides a table column: the counting rules over a
 * row's {@link PageCounters}, the environmental figures, and the few values computed from other
 * rows (occurrences, toner lives) or from a parameter (the chosen page counter). Report
 * definitions name them by {@link #id()}.
 */
public enum Measure {
    PRINT_BW("printBw", c -> c.printBw()),
    PRINT_COLOR("printColor", c -> c.printColor()),
    COPY_BW("copyBw", c -> c.copyBw()),
    COPY_COLOR("copyColor", c -> c.copyColor()),
    /** Counted by the rules; the replicated counters do not carry it (docs/reports.md, gaps). */
    COPY_SINGLE_COLOR("copySingleColor", c -> c.copySingleColor()),
    FAX("fax", c -> c.fax()),
    SCANS("scans", c -> c.scans()),
    BW_PAGES("bwPages", c -> c.bwPages()),
    COLOR_PAGES("colorPages", c -> c.colorPages()),
    TOTAL_PAGES("totalPages", c -> c.totalPages()),
    TOTAL_PRINTS("totalPrints", c -> c.totalPrints()),
    TOTAL_COPIES("totalCopies", c -> c.totalCopies()),
    PAPER_A4("paperA4", c -> c.paperA4()),
    PAPER_A3("paperA3", c -> c.paperA3()),
    PAPER_OTHER_FORMATS("paperOtherFormats", c -> c.paperOtherFormats()),
    SIMPLEX("simplex", c -> c.simplex()),
    DUPLEX("duplex", c -> c.duplex()),
    COLOR_L1("colorL1", c -> c.colorL1()),
    COLOR_L2("colorL2", c -> c.colorL2()),
    COLOR_L3("colorL3", c -> c.colorL3()),
    SHEETS("sheets", c -> c.sheets()),
    TREES("trees", c -> c.environmentalImpact().trees()),
    CO2_GRAMS("co2Grams", c -> c.environmentalImpact().co2Grams()),
    ENERGY_WH("energyWh", c -> c.environmentalImpact().energyWh()),
    RECYCLED_ENERGY_WH("recycledEnergyWh", c -> c.environmentalImpact().recycledEnergyWh()),
    /** Rows counted (alerts of one name in the Top N alerts summary). */
    OCCURRENCES("occurrences", Kind.ROWS),
    /** A job's size in kilobytes (1,024 bytes) from JOBS.SIZE_BYTES. */
    JOB_SIZE_KB("jobSizeKb", Kind.JOB_SIZE),
    /** When the replaced toner was installed: {@link TonerCounting#lives}. */
    TONER_INSTALLED_AT("tonerInstalledAt", Kind.TONER),
    /** Pages printed with the replaced toner: {@link TonerCounting#lives}. */
    TONER_PRINTED_PAGES("tonerPrintedPages", Kind.TONER),
    /** The counter chosen in the report's "page counter" parameter (one of {@link #pageCounterChoices()}). */
    PAGE_COUNTER("pageCounter", Kind.PARAMETER);

    /** Where a measure's inputs come from, so a definition can tell whether its data source has them. */
    public enum Kind {
        /** A row's page counters: replicated session and printer-job counters, or a job's attributes counted. */
        COUNTERS,
        ROWS,
        JOB_SIZE,
        TONER,
        PARAMETER
    }

    private static final Map<String, Measure> BY_ID = Arrays.stream(values()).collect(Collectors.toMap(Measure::id, m -> m));

    private final String id;
    private final Kind kind;
    private final Function<PageCounters, Number> rule;

    Measure(String id, Function<PageCounters, Number> rule) {
        this.id = id;
        this.kind = Kind.COUNTERS;
        this.rule = rule;
    }

    Measure(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
        this.rule = null;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The value over counters; only for {@link Kind#COUNTERS} measures. */
    public Number of(PageCounters counters) {
        if (rule == null) {
            throw new IllegalStateException(id + " is not computed from page counters");
        }
        return rule.apply(counters);
    }

    public static Measure byId(String id) {
        return BY_ID.get(id);
    }

    /** What the "page counter" parameter (Top N, day of week, hourly activity, counter analysis) may choose. */
    public static Measure[] pageCounterChoices() {
        return new Measure[] {TOTAL_PAGES, BW_PAGES, COLOR_PAGES, TOTAL_PRINTS, TOTAL_COPIES, SCANS};
    }

    public static double kilobytes(long bytes) {
        return bytes / 1024.0;
    }
}
