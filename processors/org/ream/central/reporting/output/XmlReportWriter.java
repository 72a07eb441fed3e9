package org.ream.central.reporting.output;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;

/**
 * XML written as a stream (StAX), one element per row, values in machine form (see
 * {@link ValueFormat#machine}); the layout is in docs/reports.md, "Output formats".
 */
public final class XmlReportWriter implements ReportWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    @Override
    public String format() {
        return "xml";
    }

    @Override
    public String extension() {
        return "xml";
    }

    @Override
    public String mediaType() {
        return "application/xml";
    }

    @Override
    public long write(ReportHeader header, List<ReportColumn> columns, RowSource rows, OutputStream out) throws Exception {
        ReportRun run = new ReportRun(header, columns, rows);
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        XMLStreamWriter x = FACTORY.createXMLStreamWriter(buffered, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("report");
        x.writeAttribute("version", "1");
        x.writeAttribute("locale", run.format.locale().toLanguageTag());
        x.writeAttribute("timeZone", run.format.zone().getId());
        if (run.format.currencyText() != null) {
            x.writeAttribute("currency", safe(run.format.currencyText()));
        }
        text(x, 1, "title", run.title());
        if (!ReportRun.blank(header.description())) {
            text(x, 1, "description", header.description());
        }
        if (!ReportRun.blank(header.typeName())) {
            text(x, 1, "type", header.typeName());
        }
        indent(x, 1);
        x.writeEmptyElement("generated");
        if (header.generatedAt() != null) {
            x.writeAttribute("at", run.format.machineInstant(header.generatedAt().toInstant()));
        }
        if (!ReportRun.blank(header.generatedFor())) {
            x.writeAttribute("for", safe(header.generatedFor()));
        }
        if (header.showFilters()) {
            indent(x, 1);
            x.writeStartElement("filters");
            for (String f : run.filterLines()) {
                text(x, 2, "filter", f);
            }
            indent(x, 1);
            x.writeEndElement();
        }
        indent(x, 1);
        x.writeStartElement("sites");
        for (SiteFreshness site : run.sites()) {
            indent(x, 2);
            x.writeEmptyElement("site");
            x.writeAttribute("name", safe(site.site()));
            x.writeAttribute("loaded", Boolean.toString(site.loadedUpTo() != null));
            if (site.loadedUpTo() != null) {
                x.writeAttribute("loadedUpTo", run.format.machineInstant(site.loadedUpTo()));
            }
        }
        indent(x, 1);
        x.writeEndElement();
        indent(x, 1);
        x.writeStartElement("columns");
        for (ReportColumn c : run.columns) {
            indent(x, 2);
            x.writeEmptyElement("column");
            x.writeAttribute("id", safe(c.id()));
            x.writeAttribute("type", c.type().id());
            x.writeAttribute("summary", c.summary() == null ? "none" : c.summary().id());
            x.writeAttribute("label", safe(c.label()));
        }
        indent(x, 1);
        x.writeEndElement();
        indent(x, 1);
        x.writeStartElement("rows");
        Object[] row;
        while ((row = run.next()) != null) {
            indent(x, 2);
            x.writeStartElement("row");
            for (int i = 0; i < row.length; i++) {
                ReportColumn c = run.columns.get(i);
                String v = run.format.machine(c, row[i]);
                if (v == null) {
                    x.writeEmptyElement("value");
                    x.writeAttribute("column", safe(c.id()));
                    x.writeAttribute("null", "true");
                } else {
                    x.writeStartElement("value");
                    x.writeAttribute("column", safe(c.id()));
                    x.writeCharacters(safe(v));
                    x.writeEndElement();
                }
            }
            x.writeEndElement();
        }
        indent(x, 1);
        x.writeEndElement();
        if (run.summary.present()) {
            indent(x, 1);
            x.writeStartElement("summary");
            for (int i = 0; i < run.columns.size(); i++) {
                ReportColumn c = run.columns.get(i);
                if (!SummaryLine.summarised(c)) {
                    continue;
                }
                BigDecimal v = run.summary.value(i);
                indent(x, 2);
                if (v == null) {
                    x.writeEmptyElement("value");
                } else {
                    x.writeStartElement("value");
                }
                x.writeAttribute("column", safe(c.id()));
                x.writeAttribute("kind", c.summary().id());
                if (v == null) {
                    x.writeAttribute("null", "true");
                } else {
                    x.writeCharacters(run.format.machineSummary(c, v));
                    x.writeEndElement();
                }
            }
            indent(x, 1);
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.flush();
        x.close();
        buffered.flush();
        return run.count();
    }

    private static void text(XMLStreamWriter x, int depth, String name, String value) throws Exception {
        indent(x, depth);
        x.writeStartElement(name);
        x.writeCharacters(safe(value));
        x.writeEndElement();
    }

    private static void indent(XMLStreamWriter x, int depth) throws Exception {
        x.writeCharacters(depth == 1 ? "\n  " : "\n    ");
    }

    private static String safe(String s) {
        return s == null ? "" : ValueFormat.xmlSafe(s);
    }
}
