package org.ream.central.reporting.counting;

import java.util.function.Predicate;

/**
 * One cell selection of {@link DetailedCounters}, as the BETA counter reports' columns name them:
 * "Impression N&B Recto/Verso" is pages of prints, black and white, duplex; "Feuilles A4" is
 * sheets of A4. A null part means any.
 */
public record Breakdown(JobFunction function, ColourMode colour, PaperFormat format, Boolean duplex, Unit unit) {

    public enum Unit {
        PAGES, SHEETS
    }

    public Breakdown {
        if (function == JobFunction.SCAN) {
            throw new IllegalArgumentException("scans are neither pages nor sheets of a breakdown");
        }
        if (unit == null) {
            unit = Unit.PAGES;
        }
    }

    public Predicate<DetailedCounters.Cell> cells() {
        return c -> (function == null || c.function() == function) && (colour == null || c.colour() == colour)
                && (format == null || c.format() == format) && (duplex == null || c.duplex() == duplex);
    }

    public long of(DetailedCounters counters) {
        return unit == Unit.PAGES ? counters.clicks(cells()) : counters.sheets(cells());
    }
}
