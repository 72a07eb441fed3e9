package org.ream.central.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ream.central.reporting.output.ReportWriter;

/**
 * The report writers by format id: the five standard ones (pdf, csv, xml, xlsx, ods, from
 * reporting.output) and any CDI bean implementing {@link ReportWriter}, in one
 * {@link org.ream.central.reporting.output.ReportWriters} registry, which refuses two writers
 * claiming one format at first use.
 */
@ApplicationScoped
public class ReportWriters {

    @Inject
    @Any
    Instance<ReportWriter> beans;

    private volatile org.ream.central.reporting.output.ReportWriters registry;

    /** The writer of exactly this format id. */
    public Optional<ReportWriter> writer(String format) {
        return registry().formats().contains(format) ? registry().find(format) : Optional.empty();
    }

    /** The format ids available. */
    public List<String> formats() {
        return registry().formats();
    }

    private org.ream.central.reporting.output.ReportWriters registry() {
        org.ream.central.reporting.output.ReportWriters r = registry;
        if (r == null) {
            org.ream.central.reporting.output.ReportWriters standard = org.ream.central.reporting.output.ReportWriters.standard();
            List<ReportWriter> all = new ArrayList<>();
            standard.formats().forEach(f -> all.add(standard.forFormat(f)));
            beans.forEach(all::add);
            r = new org.ream.central.reporting.output.ReportWriters(all);
            registry = r;
        }
        return r;
    }
}
