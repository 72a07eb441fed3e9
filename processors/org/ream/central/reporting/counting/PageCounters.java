package org.ream.central.reporting.counting;

import java.util.Map;

/**
 * The counters a report shows for a session, a job or any sum of them, and the manual's
 * formulas over them (10.1.2, 10.1.3). Pages are clicks: an A3 or Ledger side counts two, so a
 * duplex A3 sheet printed on both sides counts four. Paper formats, simplex and duplex count
 * sheets. Colour L1-L3 are colour pages by coverage level.
 */
public record PageCounters(long printBw, long printColor, long copyBw, long copyColor, long copySingleColor, long fax, long scans,
        long paperA4, long paperA3, long paperOtherFormats, long simplex, long duplex, long colorL1, long colorL2, long colorL3,
        long sheets) {

    public static final PageCounters ZERO = new PageCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** B&W pages = B&W prints + B&W copies + fax (10.1.2). */
    public long bwPages() {
        return printBw + copyBw + fax;
    }

    /** Colour pages = colour prints + colour copies + single-colour copies (10.1.2). */
    public long colorPages() {
        return printColor + copyColor + copySingleColor;
    }

    /** Total pages = B&W pages + colour pages (10.1.2); scans are not pages. */
    public long totalPages() {
        return bwPages() + colorPages();
    }

    /** Total prints = B&W prints + colour prints (10.1.2). */
    public long totalPrints() {
        return printBw + printColor;
    }

    /** Total copies = B&W copies + colour copies (10.1.2). */
    public long totalCopies() {
        return copyBw + copyColor;
    }

    public EnvironmentalImpact environmentalImpact() {
        return EnvironmentalImpact.ofSheets(sheets);
    }

    public PageCounters plus(PageCounters o) {
        return new PageCounters(printBw + o.printBw, printColor + o.printColor, copyBw + o.copyBw, copyColor + o.copyColor,
                copySingleColor + o.copySingleColor, fax + o.fax, scans + o.scans, paperA4 + o.paperA4, paperA3 + o.paperA3,
                paperOtherFormats + o.paperOtherFormats, simplex + o.simplex, duplex + o.duplex, colorL1 + o.colorL1,
                colorL2 + o.colorL2, colorL3 + o.colorL3, sheets + o.sheets);
    }

    /**
     * The counters of a USER_SESSIONS or PRINTER_JOBS row, by the replicated column names
     * (docs/replication-model.md, "Counters"). They arrive counted by the site: the click rules are
     * not applied again. Single-colour copies are not replicated and read as 0.
     */
    public static PageCounters fromReplicated(Map<String, ? extends Number> row) {
        return new PageCounters(get(row, "PRINT_BW"), get(row, "PRINT_COLOR"), get(row, "COPY_BW"), get(row, "COPY_COLOR"), 0,
                get(row, "FAX_PAGES"), get(row, "SCAN_PAGES"), get(row, "PAGES_A4"), get(row, "PAGES_A3"), get(row, "PAGES_OTHER"),
                get(row, "SIMPLEX_PAGES"), get(row, "DUPLEX_PAGES"), get(row, "COLOR_L1"), get(row, "COLOR_L2"),
                get(row, "COLOR_L3"), get(row, "SHEETS"));
    }

    private static long get(Map<String, ? extends Number> row, String column) {
        Number n = row.get(column);
        return n == null ? 0 : n.longValue();
    }
}
