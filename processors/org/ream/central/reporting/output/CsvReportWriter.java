package org.ream.central.reporting.output;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV (RFC 4180 quoting, CRLF) in UTF-8 with a byte order mark, so that spreadsheet programs read
 * accents as such. What the report says about itself (title, generation, filters, per-site
 * freshness) comes first as comment lines starting with {@code #}, which CSV readers skip when
 * told the comment marker; then the column labels, the rows and the summary line.
 */
public final class CsvReportWriter implements ReportWriter {

    /** The delimiters the settings offer. */
    public static final String DELIMITERS = ";,\t|";

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public String mediaType() {
        return "text/csv; charset=UTF-8";
    }

    @Override
    public long write(ReportHeader header, List<ReportColumn> columns, RowSource rows, OutputStream out) throws Exception {
        ReportRun run = new ReportRun(header, columns, rows);
        char delimiter = header.csvDelimiter();
        if (DELIMITERS.indexOf(delimiter) < 0) {
            throw new IllegalArgumentException("CSV delimiter " + (int) delimiter + " is not one of ; , TAB |");
        }
        CSVFormat csv = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setCommentMarker('#').get();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, csv);
        printer.printComment(run.title());
        for (String[] line : run.aboutLines(true)) {
            printer.printComment(line[0].isEmpty() ? line[1] : line[0] + ": " + line[1]);
        }
        List<String> filters = run.filterLines();
        if (!filters.isEmpty()) {
            printer.printComment(run.texts.filters() + ":");
            for (String f : filters) {
                printer.printComment(f);
            }
        }
        for (SiteFreshness site : run.sites()) {
            printer.printComment(run.texts.site() + " " + site.site() + ": " + (site.loadedUpTo() == null ? run.texts.neverLoaded()
                    : run.texts.loadedUpTo() + " " + run.format.plainInstant(site.loadedUpTo())));
        }
        String[] record = new String[run.columns.size()];
        for (int i = 0; i < record.length; i++) {
            record[i] = run.columns.get(i).label();
        }
        printer.printRecord((Object[]) record);
        Object[] row;
        while ((row = run.next()) != null) {
            for (int i = 0; i < record.length; i++) {
                record[i] = run.format.plain(run.columns.get(i), row[i]);
            }
            printer.printRecord((Object[]) record);
        }
        if (run.summary.present()) {
            for (int i = 0; i < record.length; i++) {
                record[i] = run.format.plainSummary(run.columns.get(i), run.summary.value(i));
            }
            String label = run.summary.label(run.texts);
            if (label != null) {
                record[0] = label;
            }
            printer.printRecord((Object[]) record);
        }
        // Flushed, not closed: the stream is the caller's.
        printer.flush();
        return run.count();
    }
}
