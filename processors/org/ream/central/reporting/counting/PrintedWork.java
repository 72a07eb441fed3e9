package org.ream.central.reporting.counting;

import java.util.Objects;

/**
 * One piece of work a device did, as the site describes it before counting: a print, copy,
 * incoming fax or scan of {@code sides} printed sides (pages of one copy) in {@code copies}
 * copies, on one paper format, simplex or duplex, in one colour mode, optionally at a colour
 * coverage level. {@link Counting#count} turns it into counters.
 */
public record PrintedWork(JobFunction function, ColourMode colour, PaperFormat format, boolean duplex, long sides, long copies,
        CoverageLevel coverage) {

    public PrintedWork {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(format, "format");
        if (sides < 0 || copies < 0) {
            throw new IllegalArgumentException("sides and copies cannot be negative: " + sides + ", " + copies);
        }
        if (colour == ColourMode.SINGLE_COLOR && function != JobFunction.COPY) {
            throw new IllegalArgumentException("single colour is a copy mode (10.1.2), not a " + function + " mode");
        }
        if (function == JobFunction.FAX && colour != ColourMode.BW) {
            throw new IllegalArgumentException("an incoming fax counts among black and white pages (10.1.2)");
        }
        if (coverage != null && colour == ColourMode.BW) {
            throw new IllegalArgumentException("coverage levels count colour pages only (10.1.3)");
        }
    }

    public static PrintedWork print(ColourMode colour, PaperFormat format, boolean duplex, long sides) {
        return new PrintedWork(JobFunction.PRINT, colour, format, duplex, sides, 1, null);
    }

    public static PrintedWork copy(ColourMode colour, PaperFormat format, boolean duplex, long sides) {
        return new PrintedWork(JobFunction.COPY, colour, format, duplex, sides, 1, null);
    }

    public static PrintedWork fax(PaperFormat format, long sides) {
        return new PrintedWork(JobFunction.FAX, ColourMode.BW, format, false, sides, 1, null);
    }

    public static PrintedWork scan(long pages) {
        return new PrintedWork(JobFunction.SCAN, ColourMode.BW, PaperFormat.OTHER, false, pages, 1, null);
    }

    /**
     * A print job as the replicated JOBS row describes it ({@code PAGES}, {@code COPIES},
     * {@code COLOR}, {@code DUPLEX}, {@code PAPER_FORMAT}): what it printed, or would have printed
     * had it not expired or been deleted. Absent flags mean black and white, simplex.
     */
    public static PrintedWork ofJob(long pages, long copies, Boolean colour, Boolean duplex, String format) {
        return new PrintedWork(JobFunction.PRINT, Boolean.TRUE.equals(colour) ? ColourMode.COLOR : ColourMode.BW,
                PaperFormat.parse(format), Boolean.TRUE.equals(duplex), pages, copies, null);
    }

    public PrintedWork times(long copies) {
        return new PrintedWork(function, colour, format, duplex, sides, copies, coverage);
    }

    public PrintedWork at(CoverageLevel level) {
        return new PrintedWork(function, colour, format, duplex, sides, copies, level);
    }

    /** Sheets of one copy: two sides a sheet in duplex, the last one possibly printed on one side. */
    public long sheetsPerCopy() {
        if (function == JobFunction.SCAN) {
            return 0;
        }
        return duplex ? (sides + 1) / 2 : sides;
    }
}
