package org.ream.central.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ream.central.reporting.output.ReportColumn;
import org.ream.central.reporting.output.ReportHeader;
import org.ream.central.reporting.output.ReportWriter;
import org.ream.central.reporting.output.RowSource;
import org.ream.central.reporting.output.SiteFreshness;

/**
 * A writer for the tests only (the real formats are built apart): the header's title, sites and
 * filter lines, the column ids, then one tab-separated line per row, as the rows pass.
 */
@ApplicationScoped
public class TestTsvWriter implements ReportWriter {

    public static final String FORMAT = "test-tsv";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String extension() {
        return "tsv";
    }

    @Override
    public String mediaType() {
        return "text/tab-separated-values";
    }

    @Override
    public long write(ReportHeader header, List<ReportColumn> columns, RowSource rows, OutputStream out) throws Exception {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("# " + header.title() + " (" + header.typeName() + ")\n");
        for (SiteFreshness s : header.sites()) {
            w.write("# site " + s.site() + " " + s.loadedUpTo() + "\n");
        }
        for (String f : header.filterLines()) {
            w.write("# " + f + "\n");
        }
        w.write(String.join("\t", columns.stream().map(ReportColumn::id).toList()) + "\n");
        long n = 0;
        Object[] row;
        while ((row = rows.next()) != null) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append('\t');
                }
                line.append(row[i] == null ? "" : row[i]);
            }
            w.write(line.append('\n').toString());
            n++;
        }
        w.flush();
        return n;
    }
}
