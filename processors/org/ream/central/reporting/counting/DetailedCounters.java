package org.ream.central.reporting.counting;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Counters broken down by function, colour mode, paper format and simplex/duplex, as the BETA
 * "counters by function and duplex / paper format" reports show them: clicks and sheets per
 * cell, colour clicks per function and coverage level, and scanned pages. {@link #totals()}
 * folds them into the columns every other report shows.
 */
public final class DetailedCounters {

    /** One cell of the breakdown. */
    public record Cell(JobFunction function, ColourMode colour, PaperFormat format, boolean duplex) {
    }

    /** Colour clicks of one function at one coverage level. */
    public record Coverage(JobFunction function, CoverageLevel level) {
    }

    private final Map<Cell, long[]> cells;
    private final Map<Coverage, Long> coverage;
    private final long scans;

    DetailedCounters(Map<Cell, long[]> cells, Map<Coverage, Long> coverage, long scans) {
        this.cells = cells;
        this.coverage = coverage;
        this.scans = scans;
    }

    public static final DetailedCounters NONE = new DetailedCounters(Map.of(), Map.of(), 0);

    /** Clicks (pages) of the cells the filter accepts. */
    public long clicks(Predicate<Cell> which) {
        return sum(which, 0);
    }

    /** Sheets of paper of the cells the filter accepts. */
    public long sheets(Predicate<Cell> which) {
        return sum(which, 1);
    }

    public long coverageClicks(JobFunction function, CoverageLevel level) {
        return coverage.getOrDefault(new Coverage(function, level), 0L);
    }

    public long scans() {
        return scans;
    }

    public static Predicate<Cell> of(JobFunction function, ColourMode colour) {
        return c -> c.function() == function && c.colour() == colour;
    }

    public static Predicate<Cell> of(PaperFormat format) {
        return c -> c.format() == format;
    }

    public static Predicate<Cell> duplex(boolean duplex) {
        return c -> c.duplex() == duplex;
    }

    public DetailedCounters plus(DetailedCounters o) {
        Map<Cell, long[]> sum = new HashMap<>();
        cells.forEach((k, v) -> sum.put(k, v.clone()));
        o.cells.forEach((k, v) -> sum.merge(k, v.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
        Map<Coverage, Long> cov = new HashMap<>(coverage);
        o.coverage.forEach((k, v) -> cov.merge(k, v, Long::sum));
        return new DetailedCounters(sum, cov, scans + o.scans);
    }

    /** The report columns' counters: pages by function and colour, sheets by format and sides. */
    public PageCounters totals() {
        Map<CoverageLevel, Long> byLevel = new EnumMap<>(CoverageLevel.class);
        coverage.forEach((k, v) -> byLevel.merge(k.level(), v, Long::sum));
        return new PageCounters(
                clicks(of(JobFunction.PRINT, ColourMode.BW)), clicks(of(JobFunction.PRINT, ColourMode.COLOR)),
                clicks(of(JobFunction.COPY, ColourMode.BW)), clicks(of(JobFunction.COPY, ColourMode.COLOR)),
                clicks(of(JobFunction.COPY, ColourMode.SINGLE_COLOR)), clicks(c -> c.function() == JobFunction.FAX), scans,
                sheets(of(PaperFormat.A4)), sheets(of(PaperFormat.A3)),
                sheets(c -> c.format() != PaperFormat.A4 && c.format() != PaperFormat.A3), sheets(duplex(false)),
                sheets(duplex(true)), byLevel.getOrDefault(CoverageLevel.L1, 0L), byLevel.getOrDefault(CoverageLevel.L2, 0L),
                byLevel.getOrDefault(CoverageLevel.L3, 0L), sheets(c -> true));
    }

    private long sum(Predicate<Cell> which, int index) {
        long n = 0;
        for (Map.Entry<Cell, long[]> e : cells.entrySet()) {
            if (which.test(e.getKey())) {
                n += e.getValue()[index];
            }
        }
        return n;
    }
}
