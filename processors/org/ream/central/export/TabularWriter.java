package org.ream.central.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a table row by row straight to an output stream, so an export of a million rows
 * never holds them in memory. Values: String, Number, Boolean, Instant (shown in the options'
 * time zone), LocalDateTime, LocalDate, or null for an empty cell. {@link #finish()} completes
 * the file; without it a spreadsheet is unreadable. The stream is not closed.
 */
public interface TabularWriter {

    /** Spreadsheet applications allow this many rows per sheet (including the header). */
    int MAX_SPREADSHEET_ROWS = 1_048_576;

    DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    void row(Object... values) throws IOException;

    /** Data rows written so far (the header is not counted). */
    long rows();

    void finish() throws IOException;

    static TabularWriter open(TabularFormat format, OutputStream out, List<Column> columns, ExportOptions options) throws IOException {
        return switch (format) {
            case CSV -> new CsvTabularWriter(out, columns, options);
            case XLSX -> new XlsxTabularWriter(out, columns, options);
        };
    }

    /** Instants and zoned times as the wall-clock time of the export's zone; other values unchanged. */
    static Object localise(Object value, ExportOptions options) {
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, options.zone());
        }
        if (value instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(options.zone()).toLocalDateTime();
        }
        return value;
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof java.math.BigDecimal b) {
            return b.toPlainString();
        }
        return value.toString();
    }
}
