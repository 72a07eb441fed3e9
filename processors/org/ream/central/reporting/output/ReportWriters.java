package org.ream.central.reporting.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The report writers by format id (10.1.5: PDF, CSV, XML, XLSX, ODS). Writers hold no state per run and may be shared. */
public final class ReportWriters {

    private static final ReportWriters STANDARD = new ReportWriters(List.of(new PdfReportWriter(), new CsvReportWriter(),
            new XmlReportWriter(), new XlsxReportWriter(), new OdsReportWriter()));

    private final Map<String, ReportWriter> byFormat = new LinkedHashMap<>();

    public ReportWriters(List<ReportWriter> writers) {
        for (ReportWriter w : writers) {
            if (byFormat.putIfAbsent(w.format(), w) != null) {
                throw new IllegalArgumentException("two writers for format " + w.format());
            }
        }
    }

    /** The five formats of the manual. */
    public static ReportWriters standard() {
        return STANDARD;
    }

    /** The format ids, in the manual's order. */
    public List<String> formats() {
        return List.copyOf(byFormat.keySet());
    }

    public Optional<ReportWriter> find(String format) {
        return format == null ? Optional.empty() : Optional.ofNullable(byFormat.get(format.trim().toLowerCase(Locale.ROOT)));
    }

    /** The writer of a format, or IllegalArgumentException naming the known ones. */
    public ReportWriter forFormat(String format) {
        return find(format).orElseThrow(() -> new IllegalArgumentException("unknown report format " + format + " (known: "
                + String.join(", ", byFormat.keySet()) + ")"));
    }
}
