package org.ream.central.reporting.output;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.ReportDesign;

/**
 * OpenDocument spreadsheet (ODF 1.2) written as a stream: the zip's {@code content.xml} is
 * produced with StAX row by row, so memory does not depend on the row count.
 *
 * Written here rather than with a library: the streaming ODS writer on Maven Central (FastODS)
 * is GPL v3, which would bind the whole server; the others (ODF Toolkit, SODS) build the
 * document in memory. A single table with typed cells needs a small, fixed part of the format.
 *
 * Layout as in XLSX: header block, empty row, the label row (repeated on printed pages), the
 * rows and the summary line.
 */
public final class OdsReportWriter implements ReportWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final String MIME = "application/vnd.oasis.opendocument.spreadsheet";
    private static final DateTimeFormatter ODF_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** Usable width of an A4 page with 1 cm margins, by orientation. */
    private static final double PORTRAIT_CM = 19.0;
    private static final double LANDSCAPE_CM = 27.7;

    @Override
    public String format() {
        return "ods";
    }

    @Override
    public String extension() {
        return "ods";
    }

    @Override
    public String mediaType() {
        return MIME;
    }

    @Override
    public long write(ReportHeader header, List<ReportColumn> columns, RowSource rows, OutputStream out) throws Exception {
        ReportRun run = new ReportRun(header, columns, rows);
        boolean landscape = header.orientation() == ReportDesign.Orientation.LANDSCAPE;
        ZipOutputStream zip = new ZipOutputStream(new NonClosingOutputStream(out), StandardCharsets.UTF_8);
        // The mimetype comes first and uncompressed, so that the file can be recognised by its first bytes.
        byte[] mime = MIME.getBytes(StandardCharsets.US_ASCII);
        ZipEntry mimetype = new ZipEntry("mimetype");
        mimetype.setMethod(ZipEntry.STORED);
        mimetype.setSize(mime.length);
        CRC32 crc = new CRC32();
        crc.update(mime);
        mimetype.setCrc(crc.getValue());
        zip.putNextEntry(mimetype);
        zip.write(mime);
        zip.closeEntry();

        zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
        zip.write(manifest().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();

        zip.putNextEntry(new ZipEntry("styles.xml"));
        zip.write(styles(landscape).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();

        zip.putNextEntry(new ZipEntry("content.xml"));
        XMLStreamWriter x = FACTORY.createXMLStreamWriter(zip, "UTF-8");
        content(x, run, landscape);
        x.flush();
        zip.closeEntry();
        zip.finish();
        out.flush();
        return run.count();
    }

    private static void content(XMLStreamWriter x, ReportRun run, boolean landscape) throws Exception {
        int n = run.columns.size();
        x.writeStartDocument("UTF-8", "1.0");
        start(x, "office:document-content");
        namespaces(x);
        attr(x, "office:version", "1.2");
        start(x, "office:automatic-styles");
        dataStyles(x, run.format);
        double[] shares = ValueFormat.widthShares(run.columns);
        double width = landscape ? LANDSCAPE_CM : PORTRAIT_CM;
        for (int i = 0; i < n; i++) {
            style(x, "co" + i, "table-column");
            empty(x, "style:table-column-properties");
            attr(x, "style:column-width", String.format(Locale.ROOT, "%.2fcm", Math.max(1.2, shares[i] * width / 100)));
            x.writeEndElement();
        }
        style(x, "ta1", "table");
        attr(x, "style:master-page-name", "Report");
        empty(x, "style:table-properties");
        attr(x, "table:display", "true");
        x.writeEndElement();
        cellStyle(x, "title", null, null, true, 14, false, false);
        cellStyle(x, "label", null, null, true, 0, false, false);
        cellStyle(x, "moment", "NDT", "start", false, 0, false, false);
        for (int i = 0; i < n; i++) {
            ReportColumn c = run.columns.get(i);
            String align = align(ValueFormat.alignment(c));
            cellStyle(x, "h" + i, null, align, true, 0, true, false);
            cellStyle(x, "c" + i, numberStyle(c.type(), run.format.decimals(c.type())), align, false, 0, false, false);
            cellStyle(x, "d" + i, "ND", align, false, 0, false, false);
            cellStyle(x, "t" + i, "NDT", align, false, 0, false, false);
            cellStyle(x, "s" + i, numberStyle(c.type(), run.format.summaryDecimals(c)), align, true, 0, false, true);
        }
        x.writeEndElement();

        start(x, "office:body");
        start(x, "office:spreadsheet");
        start(x, "table:table");
        attr(x, "table:name", XlsxReportWriter.sheetName(run.title()));
        attr(x, "table:style-name", "ta1");
        for (int i = 0; i < n; i++) {
            empty(x, "table:table-column");
            attr(x, "table:style-name", "co" + i);
        }

        start(x, "table:table-row");
        stringCell(x, run.title(), "title");
        x.writeEndElement();
        for (String[] line : run.aboutLines(false)) {
            start(x, "table:table-row");
            if (line[0].isEmpty()) {
                stringCell(x, line[1], null);
            } else {
                stringCell(x, line[0], "label");
                stringCell(x, line[1], null);
            }
            x.writeEndElement();
        }
        List<String> filters = run.filterLines();
        for (int i = 0; i < filters.size(); i++) {
            start(x, "table:table-row");
            if (i == 0) {
                stringCell(x, run.texts.filters(), "label");
            } else {
                empty(x, "table:table-cell");
            }
            stringCell(x, filters.get(i), null);
            x.writeEndElement();
        }
        if (!run.sites().isEmpty()) {
            start(x, "table:table-row");
            stringCell(x, run.texts.site(), "label");
            stringCell(x, run.texts.loadedUpTo(), "label");
            x.writeEndElement();
            for (SiteFreshness site : run.sites()) {
                start(x, "table:table-row");
                stringCell(x, site.site(), null);
                if (site.loadedUpTo() == null) {
                    stringCell(x, run.texts.neverLoaded(), null);
                } else {
                    dateCell(x, ODF_DATE_TIME.format(run.format.local(site.loadedUpTo())), "moment");
                }
                x.writeEndElement();
            }
        }
        start(x, "table:table-row");
        empty(x, "table:table-cell");
        x.writeEndElement();

        start(x, "table:table-header-rows");
        start(x, "table:table-row");
        for (int i = 0; i < n; i++) {
            stringCell(x, run.columns.get(i).label(), "h" + i);
        }
        x.writeEndElement();
        x.writeEndElement();

        String currency = run.format.currency() == null ? null : run.format.currency().getCurrencyCode();
        Object[] row;
        while ((row = run.next()) != null) {
            start(x, "table:table-row");
            for (int i = 0; i < n; i++) {
                valueCell(x, row[i], run, i, currency);
            }
            x.writeEndElement();
        }
        if (run.summary.present()) {
            String label = run.summary.label(run.texts);
            start(x, "table:table-row");
            for (int i = 0; i < n; i++) {
                ReportColumn c = run.columns.get(i);
                BigDecimal v = run.summary.value(i);
                if (v != null) {
                    numberCell(x, v.setScale(run.format.summaryDecimals(c), RoundingMode.HALF_UP), c.type(), currency, "s" + i);
                } else if (i == 0 && label != null) {
                    stringCell(x, label, "s" + i);
                } else {
                    empty(x, "table:table-cell");
                    attr(x, "table:style-name", "s" + i);
                }
            }
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndDocument();
    }

    private static void valueCell(XMLStreamWriter x, Object v, ReportRun run, int i, String currency) throws Exception {
        if (v == null) {
            empty(x, "table:table-cell");
            return;
        }
        ReportColumn c = run.columns.get(i);
        if (v instanceof Number num) {
            BigDecimal b = ValueFormat.toBigDecimal(num);
            numberCell(x, c.type().numeric() ? b.setScale(run.format.decimals(c.type()), RoundingMode.HALF_UP) : b, c.type(), currency,
                    "c" + i);
        } else if (v instanceof Instant t) {
            dateCell(x, ODF_DATE_TIME.format(run.format.local(t)), "t" + i);
        } else if (v instanceof LocalDateTime t) {
            dateCell(x, ODF_DATE_TIME.format(t), "t" + i);
        } else if (v instanceof LocalDate d) {
            dateCell(x, d.toString(), "d" + i);
        } else if (v instanceof Boolean b) {
            start(x, "table:table-cell");
            attr(x, "table:style-name", "c" + i);
            attr(x, "office:value-type", "boolean");
            attr(x, "office:boolean-value", b.toString());
            text(x, run.texts.yesNo(b));
            x.writeEndElement();
        } else {
            stringCell(x, v.toString(), "c" + i);
        }
    }

    private static void numberCell(XMLStreamWriter x, BigDecimal v, ColumnType type, String currency, String style) throws Exception {
        empty(x, "table:table-cell");
        attr(x, "table:style-name", style);
        if (type == ColumnType.MONEY && currency != null) {
            attr(x, "office:value-type", "currency");
            attr(x, "office:currency", currency);
        } else {
            attr(x, "office:value-type", "float");
        }
        attr(x, "office:value", v.toPlainString());
    }

    private static void dateCell(XMLStreamWriter x, String value, String style) throws Exception {
        empty(x, "table:table-cell");
        attr(x, "table:style-name", style);
        attr(x, "office:value-type", "date");
        attr(x, "office:date-value", value);
    }

    private static void stringCell(XMLStreamWriter x, String value, String style) throws Exception {
        start(x, "table:table-cell");
        if (style != null) {
            attr(x, "table:style-name", style);
        }
        attr(x, "office:value-type", "string");
        text(x, value);
        x.writeEndElement();
    }

    /** Cell text: one paragraph per line (a line break inside text:p is not a new line in ODF). */
    private static void text(XMLStreamWriter x, String value) throws Exception {
        String safe = ValueFormat.xmlSafe(value == null ? "" : value);
        for (String line : safe.split("\r\n|\r|\n", -1)) {
            start(x, "text:p");
            x.writeCharacters(line);
            x.writeEndElement();
        }
    }

    private static String numberStyle(ColumnType type, int decimals) {
        if (!type.numeric()) {
            return null;
        }
        return (type == ColumnType.MONEY ? "NC" : "N") + decimals;
    }

    private static void dataStyles(XMLStreamWriter x, ValueFormat format) throws Exception {
        for (int d = 0; d <= 3; d++) {
            start(x, "number:number-style");
            attr(x, "style:name", "N" + d);
            number(x, d);
            x.writeEndElement();
            start(x, "number:currency-style");
            attr(x, "style:name", "NC" + d);
            String symbol = format.currencySymbol();
            if (symbol != null && format.currencyFirst()) {
                currencySymbol(x, format, symbol);
            }
            number(x, d);
            if (symbol != null && !format.currencyFirst()) {
                start(x, "number:text");
                x.writeCharacters("\u00a0");
                x.writeEndElement();
                currencySymbol(x, format, symbol);
            }
            x.writeEndElement();
        }
        start(x, "number:date-style");
        attr(x, "style:name", "ND");
        datePart(x);
        x.writeEndElement();
        start(x, "number:date-style");
        attr(x, "style:name", "NDT");
        datePart(x);
        separator(x, " ");
        longPart(x, "number:hours");
        separator(x, ":");
        longPart(x, "number:minutes");
        separator(x, ":");
        longPart(x, "number:seconds");
        x.writeEndElement();
    }

    private static void currencySymbol(XMLStreamWriter x, ValueFormat format, String symbol) throws Exception {
        start(x, "number:currency-symbol");
        if (!format.locale().getLanguage().isEmpty()) {
            attr(x, "number:language", format.locale().getLanguage());
        }
        if (!format.locale().getCountry().isEmpty()) {
            attr(x, "number:country", format.locale().getCountry());
        }
        x.writeCharacters(ValueFormat.xmlSafe(symbol));
        x.writeEndElement();
    }

    private static void number(XMLStreamWriter x, int decimals) throws Exception {
        empty(x, "number:number");
        attr(x, "number:decimal-places", Integer.toString(decimals));
        attr(x, "number:min-decimal-places", Integer.toString(decimals));
        attr(x, "number:min-integer-digits", "1");
        attr(x, "number:grouping", "true");
    }

    /** Dates as ISO (yyyy-mm-dd), as in XLSX: unambiguous whatever the reader's locale. */
    private static void datePart(XMLStreamWriter x) throws Exception {
        longPart(x, "number:year");
        separator(x, "-");
        longPart(x, "number:month");
        separator(x, "-");
        longPart(x, "number:day");
    }

    private static void longPart(XMLStreamWriter x, String element) throws Exception {
        empty(x, element);
        attr(x, "number:style", "long");
    }

    private static void separator(XMLStreamWriter x, String text) throws Exception {
        start(x, "number:text");
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static void style(XMLStreamWriter x, String name, String family) throws Exception {
        start(x, "style:style");
        attr(x, "style:name", name);
        attr(x, "style:family", family);
    }

    private static void cellStyle(XMLStreamWriter x, String name, String dataStyle, String align, boolean bold, int size,
            boolean shaded, boolean topBorder) throws Exception {
        style(x, name, "table-cell");
        if (dataStyle != null) {
            attr(x, "style:data-style-name", dataStyle);
        }
        if (shaded || topBorder) {
            empty(x, "style:table-cell-properties");
            if (shaded) {
                attr(x, "fo:background-color", "#dddddd");
                attr(x, "fo:wrap-option", "wrap");
                attr(x, "fo:border-bottom", "0.5pt solid #000000");
            }
            if (topBorder) {
                attr(x, "fo:border-top", "0.5pt solid #000000");
            }
        }
        if (align != null) {
            empty(x, "style:paragraph-properties");
            attr(x, "fo:text-align", align);
        }
        if (bold || size > 0) {
            empty(x, "style:text-properties");
            if (bold) {
                attr(x, "fo:font-weight", "bold");
            }
            if (size > 0) {
                attr(x, "fo:font-size", size + "pt");
            }
        }
        x.writeEndElement();
    }

    private static String align(ReportDesign.Alignment a) {
        return switch (a) {
            case RIGHT -> "end";
            case CENTER -> "center";
            default -> "start";
        };
    }

    private static final String[][] NAMESPACES = {
        {"office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
        {"style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
        {"text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
        {"table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
        {"number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"},
        {"fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"}};

    private static void namespaces(XMLStreamWriter x) throws Exception {
        for (String[] ns : NAMESPACES) {
            x.writeNamespace(ns[0], ns[1]);
        }
    }

    private static String namespace(String prefix) {
        for (String[] ns : NAMESPACES) {
            if (ns[0].equals(prefix)) {
                return ns[1];
            }
        }
        throw new IllegalArgumentException(prefix);
    }

    private static void start(XMLStreamWriter x, String qname) throws Exception {
        int colon = qname.indexOf(':');
        x.writeStartElement(qname.substring(0, colon), qname.substring(colon + 1), namespace(qname.substring(0, colon)));
    }

    private static void empty(XMLStreamWriter x, String qname) throws Exception {
        int colon = qname.indexOf(':');
        x.writeEmptyElement(qname.substring(0, colon), qname.substring(colon + 1), namespace(qname.substring(0, colon)));
    }

    private static void attr(XMLStreamWriter x, String qname, String value) throws Exception {
        int colon = qname.indexOf(':');
        x.writeAttribute(qname.substring(0, colon), namespace(qname.substring(0, colon)), qname.substring(colon + 1), value);
    }

    private static String manifest() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
                 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="%s"/>
                 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """.formatted(MIME);
    }

    /** The page layout for printing: A4 in the report's orientation, 1 cm margins. */
    private static String styles(boolean landscape) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
                xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">
                 <office:automatic-styles>
                  <style:page-layout style:name="pm1">
                   <style:page-layout-properties fo:page-width="%s" fo:page-height="%s" style:print-orientation="%s" \
                fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1cm" fo:margin-right="1cm"/>
                  </style:page-layout>
                 </office:automatic-styles>
                 <office:master-styles>
                  <style:master-page style:name="Report" style:page-layout-name="pm1"/>
                 </office:master-styles>
                </office:document-styles>
                """.formatted(landscape ? "29.7cm" : "21cm", landscape ? "21cm" : "29.7cm", landscape ? "landscape" : "portrait");
    }
}
