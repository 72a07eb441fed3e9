package org.ream.central.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ream.central.reporting.output.ReportWriter;

/**
 * The report writers by format id: the five standard ones (pdf, csv, xml, xlsx, ods, from
 * reporting.output) and any CDI bean implementing {@link ReportWriter}. Two writers claiming
 * one format is a programming error, refused at first use.
 */
@ApplicationScoped
public class ReportWriters {

    @Inject
    @Any
    Instance<ReportWriter> beans;

    private volatile Map<String, ReportWriter> byFormat;

    public Optional<ReportWriter> writer(String format) {
        return Optional.ofNullable(all().get(format));
    }

    /** The formats available, sorted. */
    public Map<String, ReportWriter> all() {
        Map<String, ReportWriter> m = byFormat;
        if (m == null) {
            Map<String, ReportWriter> found = new TreeMap<>();
            java.util.List<ReportWriter> writers = new java.util.ArrayList<>();
            org.ream.central.reporting.output.ReportWriters standard = org.ream.central.reporting.output.ReportWriters.standard();
            standard.formats().forEach(f -> writers.add(standard.forFormat(f)));
            beans.forEach(writers::add);
            for (ReportWriter w : writers) {
                ReportWriter before = found.put(w.format(), w);
                if (before != null) {
                    throw new IllegalStateException("two report writers for format " + w.format() + ": " + before.getClass().getName()
                            + " and " + w.getClass().getName());
                }
            }
            m = Map.copyOf(found);
            byFormat = m;
        }
        return m;
    }
}
