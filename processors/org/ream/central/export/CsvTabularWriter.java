package org.ream.central.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV in UTF-8 with a byte order mark (Excel otherwise reads it in the ANSI code page),
 * CRLF line ends and the configured delimiter. A text cell that a spreadsheet would run as a
 * formula (starting with = + - @ or a control character) gets a leading apostrophe: exported
 * log lines and user names come from outside and must not execute on the reader's machine.
 */
final class CsvTabularWriter implements TabularWriter {

    private final BufferedWriter writer;
    private final CSVPrinter printer;
    private final List<Column> columns;
    private final ExportOptions options;
    private final String[] cells;
    private long rows;

    CsvTabularWriter(OutputStream out, List<Column> columns, ExportOptions options) throws IOException {
        this.columns = List.copyOf(columns);
        this.options = options;
        this.cells = new String[columns.size()];
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write('\uFEFF');
        CSVFormat format = CSVFormat.Builder.create(CSVFormat.RFC4180)
                .setDelimiter(options.csvDelimiter())
                .setRecordSeparator("\r\n")
                .setQuoteMode(QuoteMode.MINIMAL)
                .get();
        this.printer = new CSVPrinter(writer, format);
        printer.printRecord(columns.stream().map(Column::title).toArray());
    }

    @Override
    public void row(Object... values) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            Object v = i < values.length ? TabularWriter.localise(values[i], options) : null;
            String s = TabularWriter.text(v);
            cells[i] = columns.get(i).kind() == Column.Kind.TEXT || v instanceof String ? guard(s) : s;
        }
        printer.printRecord((Object[]) cells);
        rows++;
    }

    static String guard(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
        writer.flush();
    }
}
