package org.ream.central.reporting.output;

import java.time.ZoneId;
import java.util.List;

/**
 * What every writer does around its format: checks the columns and the delimiter, reads the rows
 * one at a time (each row must have one value per column), adds them to the summary, counts them.
 */
final class ReportRun {

    final ReportHeader header;
    final List<ReportColumn> columns;
    final ValueFormat format;
    final ReportTexts texts;
    final SummaryLine summary;
    private final RowSource rows;
    private long count;

    ReportRun(ReportHeader header, List<ReportColumn> columns, RowSource rows) {
        if (header == null || columns == null || rows == null) {
            throw new IllegalArgumentException("a report needs a header, columns and rows");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one column");
        }
        this.header = header;
        this.columns = List.copyOf(columns);
        this.rows = rows;
        ZoneId zone = header.generatedAt() == null ? ZoneId.of("UTC") : header.generatedAt().getZone();
        this.format = new ValueFormat(header.locale(), zone, header.currency());
        this.texts = ReportTexts.of(format.locale());
        this.summary = new SummaryLine(this.columns);
    }

    /** The next row, added to the summary; null at the end. */
    Object[] next() throws Exception {
        Object[] row = rows.next();
        if (row == null) {
            return null;
        }
        if (row.length != columns.size()) {
            throw new IllegalStateException("row " + (count + 1) + " has " + row.length + " values for " + columns.size() + " columns");
        }
        summary.add(row);
        count++;
        return row;
    }

    long count() {
        return count;
    }

    List<SiteFreshness> sites() {
        return header.sites() == null ? List.of() : header.sites();
    }

    List<String> filterLines() {
        return header.showFilters() && header.filterLines() != null ? header.filterLines() : List.of();
    }

    String title() {
        return header.title() == null ? "" : header.title();
    }

    /**
     * The report's lines about itself, label and value, before the filters and sites: description,
     * type, when it was generated (as people read it, or plain for CSV), for whom, the time zone.
     */
    List<String[]> aboutLines(boolean plain) {
        List<String[]> lines = new java.util.ArrayList<>();
        if (!blank(header.description())) {
            lines.add(new String[] {"", header.description()});
        }
        if (!blank(header.typeName())) {
            lines.add(new String[] {texts.reportType(), header.typeName()});
        }
        if (header.generatedAt() != null) {
            java.time.Instant at = header.generatedAt().toInstant();
            lines.add(new String[] {texts.generated(), plain ? format.plainInstant(at) : format.displayInstant(at)});
        }
        if (!blank(header.generatedFor())) {
            lines.add(new String[] {texts.generatedFor(), header.generatedFor()});
        }
        lines.add(new String[] {texts.timeZone(), format.zone().getId()});
        return lines;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
