package org.ream.central.reporting.output;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.dhatim.fastexcel.BorderSide;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.ReportDesign;

/**
 * XLSX through fastexcel, which writes rows into the zip stream as they are flushed: memory does
 * not grow with the row count as long as rows are flushed and strings written inline (the
 * shared-strings table would keep every distinct text until the end).
 *
 * One sheet: the report's header block (title, generation, filters, per-site freshness), an
 * empty row, the table (its label row repeated on printed pages) and the summary line.
 */
public final class XlsxReportWriter implements ReportWriter {

    /** Rows kept before they go to the zip stream. */
    static final int FLUSH_EVERY = 1_000;
    /** Table width in characters that the width percentages share, by orientation. */
    private static final double PORTRAIT_CHARS = 110;
    private static final double LANDSCAPE_CHARS = 160;
    static final String DATE_FORMAT = "yyyy-mm-dd";
    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

    @Override
    public String format() {
        return "xlsx";
    }

    @Override
    public String extension() {
        return "xlsx";
    }

    @Override
    public String mediaType() {
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }

    @Override
    public long write(ReportHeader header, List<ReportColumn> columns, RowSource rows, OutputStream out) throws Exception {
        ReportRun run = new ReportRun(header, columns, rows);
        Workbook wb = new Workbook(new NonClosingOutputStream(out), "Ream Central", "1.0");
        Worksheet ws = wb.newWorksheet(sheetName(run.title()));
        int n = run.columns.size();
        double[] shares = ValueFormat.widthShares(run.columns);
        double total = header.orientation() == ReportDesign.Orientation.LANDSCAPE ? LANDSCAPE_CHARS : PORTRAIT_CHARS;
        for (int i = 0; i < n; i++) {
            ws.width(i, Math.max(6, Math.min(Worksheet.MAX_COL_WIDTH, shares[i] * total / 100)));
        }
        if (header.orientation() == ReportDesign.Orientation.LANDSCAPE) {
            ws.pageOrientation("landscape");
        }

        int r = 0;
        ws.value(r, 0, run.title());
        ws.style(r, 0).bold().fontSize(14).set();
        r++;
        for (String[] line : run.aboutLines(false)) {
            if (line[0].isEmpty()) {
                ws.value(r, 0, line[1]);
            } else {
                label(ws, r, line[0]);
                ws.value(r, 1, line[1]);
            }
            r++;
        }
        List<String> filters = run.filterLines();
        for (int i = 0; i < filters.size(); i++) {
            if (i == 0) {
                label(ws, r, run.texts.filters());
            }
            ws.value(r++, 1, filters.get(i));
        }
        if (!run.sites().isEmpty()) {
            label(ws, r, run.texts.site());
            ws.value(r, 1, run.texts.loadedUpTo());
            ws.style(r, 1).bold().set();
            r++;
            for (SiteFreshness site : run.sites()) {
                ws.value(r, 0, site.site());
                if (site.loadedUpTo() == null) {
                    ws.value(r, 1, run.texts.neverLoaded());
                } else {
                    ws.value(r, 1, run.format.local(site.loadedUpTo()));
                    ws.style(r, 1).format(DATE_TIME_FORMAT).horizontalAlignment("left").set();
                }
                r++;
            }
        }
        r++;

        int headerRow = r;
        String[] formats = new String[n];
        String[] summaryFormats = new String[n];
        String[] aligns = new String[n];
        for (int i = 0; i < n; i++) {
            ReportColumn c = run.columns.get(i);
            formats[i] = numberFormat(run.format, c.type(), run.format.decimals(c.type()));
            summaryFormats[i] = numberFormat(run.format, c.type(), run.format.summaryDecimals(c));
            aligns[i] = align(ValueFormat.alignment(c));
            ws.value(r, i, c.label());
            ws.style(r, i).bold().fillColor("DDDDDD").horizontalAlignment(aligns[i]).wrapText(true).borderStyle(BorderSide.BOTTOM, "thin")
                    .set();
        }
        ws.repeatRows(headerRow);
        r++;
        Object[] row;
        while ((row = run.next()) != null) {
            for (int i = 0; i < n; i++) {
                cell(ws, r, i, row[i], run, formats[i], aligns[i]);
            }
            r++;
            if (run.count() % FLUSH_EVERY == 0) {
                ws.flush();
            }
        }
        if (run.summary.present()) {
            String label = run.summary.label(run.texts);
            for (int i = 0; i < n; i++) {
                BigDecimal v = run.summary.value(i);
                if (v != null) {
                    ws.value(r, i, v);
                } else if (i == 0 && label != null) {
                    ws.value(r, i, label);
                }
                ws.style(r, i).bold().format(summaryFormats[i] == null ? "General" : summaryFormats[i]).horizontalAlignment(aligns[i])
                        .borderStyle(BorderSide.TOP, "thin").set();
            }
        }
        ws.finish();
        wb.finish();
        out.flush();
        return run.count();
    }

    private static void cell(Worksheet ws, int r, int c, Object v, ReportRun run, String format, String align) {
        if (v == null) {
            return;
        }
        String f = format;
        if (v instanceof Number num) {
            ws.value(r, c, num instanceof BigDecimal ? num : ValueFormat.toBigDecimal(num));
        } else if (v instanceof Instant i) {
            ws.value(r, c, run.format.local(i));
            f = DATE_TIME_FORMAT;
        } else if (v instanceof LocalDateTime t) {
            ws.value(r, c, t);
            f = DATE_TIME_FORMAT;
        } else if (v instanceof LocalDate d) {
            ws.value(r, c, d);
            f = DATE_FORMAT;
        } else if (v instanceof Boolean b) {
            ws.value(r, c, b);
        } else {
            ws.inlineString(r, c, ValueFormat.xmlSafe(v.toString()));
        }
        if (f != null) {
            ws.style(r, c).format(f).horizontalAlignment(align).set();
        } else {
            ws.style(r, c).horizontalAlignment(align).set();
        }
    }

    private static void label(Worksheet ws, int r, String text) {
        ws.value(r, 0, text);
        ws.style(r, 0).bold().set();
    }

    /** Excel number format codes (always "," for grouping and "." for decimals; Excel shows them per the reader's locale). */
    static String numberFormat(ValueFormat format, ColumnType type, int decimals) {
        if (!type.numeric()) {
            return null;
        }
        String number = decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
        if (type != ColumnType.MONEY || format.currencySymbol() == null) {
            return number;
        }
        String symbol = "[$" + format.currencySymbol().replace("]", "") + "]";
        return format.currencyFirst() ? symbol + number : number + "\\ " + symbol;
    }

    private static String align(ReportDesign.Alignment a) {
        return switch (a) {
            case RIGHT -> "right";
            case CENTER -> "center";
            default -> "left";
        };
    }

    /** Sheet names: at most 31 characters, none of []:*?/\ . */
    static String sheetName(String title) {
        String s = title == null ? "" : title.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        if (s.isEmpty()) {
            return "Report";
        }
        return s.length() > 31 ? s.substring(0, 31) : s;
    }
}
