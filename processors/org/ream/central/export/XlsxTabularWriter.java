package org.ream.central.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX through fastexcel's streaming writer: rows are flushed to the zip stream every
 * {@value #FLUSH_EVERY} rows and text is written inline (not in the shared string table,
 * which would grow with every distinct log line). Dates are real Excel dates.
 */
final class XlsxTabularWriter implements TabularWriter {

    static final int FLUSH_EVERY = 1000;
    /** Excel refuses longer cell texts. */
    static final int MAX_CELL_CHARS = 32_767;
    private static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final String DATE_FORMAT = "yyyy-mm-dd";

    private final Workbook workbook;
    private final Worksheet sheet;
    private final List<Column> columns;
    private final ExportOptions options;
    private int next = 1;
    private long rows;

    XlsxTabularWriter(OutputStream out, List<Column> columns, ExportOptions options) throws IOException {
        this.columns = List.copyOf(columns);
        this.options = options;
        this.workbook = new Workbook(out, "Ream Central", "1.0");
        this.sheet = workbook.newWorksheet(sheetName(options.sheetName()));
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            sheet.inlineString(0, c, clean(col.title()));
            sheet.style(0, c).bold().fillColor("DDDDDD").set();
            if (col.width() > 0) {
                sheet.width(c, Math.min(col.width(), Worksheet.MAX_COL_WIDTH));
            }
        }
        sheet.freezePane(0, 1);
        if (!columns.isEmpty()) {
            sheet.setAutoFilter(0, 0, columns.size() - 1);
        }
    }

    @Override
    public void row(Object... values) throws IOException {
        if (next >= MAX_SPREADSHEET_ROWS) {
            throw new IOException("An XLSX sheet holds at most " + (MAX_SPREADSHEET_ROWS - 1) + " data rows");
        }
        int r = next;
        for (int c = 0; c < columns.size() && c < values.length; c++) {
            Object v = TabularWriter.localise(values[c], options);
            if (v == null) {
                continue;
            }
            if (v instanceof LocalDateTime t) {
                sheet.value(r, c, t);
                sheet.style(r, c).format(DATE_TIME_FORMAT).set();
            } else if (v instanceof LocalDate d) {
                sheet.value(r, c, d);
                sheet.style(r, c).format(DATE_FORMAT).set();
            } else if (v instanceof Number n && columns.get(c).kind() != Column.Kind.TEXT) {
                sheet.value(r, c, n instanceof BigDecimal b ? b : n);
            } else if (v instanceof Boolean b && columns.get(c).kind() == Column.Kind.BOOLEAN) {
                sheet.value(r, c, b);
            } else {
                sheet.inlineString(r, c, clean(TabularWriter.text(v)));
            }
        }
        next++;
        rows++;
        if (rows % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void finish() throws IOException {
        sheet.finish();
        workbook.finish();
    }

    /** Characters XML 1.0 cannot carry are dropped; over-long texts are cut. */
    static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch == '\t' || ch == '\n' || ch == '\r' || (ch >= 0x20 && ch != 0xFFFE && ch != 0xFFFF);
            if (!ok && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            } else if (ok && sb != null) {
                sb.append(ch);
            }
        }
        String out = sb == null ? s : sb.toString();
        if (out.length() > MAX_CELL_CHARS) {
            int cut = MAX_CELL_CHARS - 1;
            if (Character.isHighSurrogate(out.charAt(cut - 1))) {
                cut--;
            }
            out = out.substring(0, cut) + "\u2026";
        }
        return out;
    }

    /** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
    static String sheetName(String name) {
        String n = name == null || name.isBlank() ? "Sheet1" : name.replaceAll("[:\\\\/?*\\[\\]]", "_");
        return n.length() > 31 ? n.substring(0, 31) : n;
    }
}
