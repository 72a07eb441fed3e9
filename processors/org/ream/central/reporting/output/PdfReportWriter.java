package org.ream.central.reporting.output;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.events.Event;
import org.apache.fop.events.EventFormatter;
import org.apache.fop.events.EventListener;
import org.apache.fop.events.model.EventSeverity;
import org.apache.fop.render.intermediate.EventProducingFilter;
import org.apache.fop.render.intermediate.IFContext;
import org.apache.fop.render.intermediate.IFException;
import org.apache.fop.pdf.PDFPage;
import org.apache.fop.render.pdf.PDFDocumentHandler;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;
import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;
import org.ream.central.reporting.definition.ReportDesign;

/**
 * PDF through Apache FOP, in bounded memory: the FO is fed to FOP as SAX events (never built as a
 * document), and the table is cut into page-sequences of a bounded number of rows. FOP lays out
 * and renders a page-sequence when it ends and then lets it go, whereas one sequence for the
 * whole table would be held until the last row. Each sequence starts on a new page, so a
 * sequence is sized to fill whole pages as far as rows are one line high; every page repeats the
 * logo, the title, the column labels and the page number. No "page x of y": a reference to the
 * last page would keep every page in memory until the end.
 *
 * Fonts: DejaVu Sans from the classpath (see resources/reports/output/fop.xconf).
 */
public final class PdfReportWriter implements ReportWriter {

    static final String CONFIG = "ream/reports/output/fop.xconf";
    static final String FONT = "DejaVu Sans";
    /** Pages a page-sequence is sized to fill: what FOP holds at most at a time. */
    static final int PAGES_PER_SEQUENCE = 10;

    // Page geometry, in points (A4, mm * 72 / 25.4).
    private static final double MM = 72 / 25.4;
    private static final double PAGE_LONG = 297 * MM;
    private static final double PAGE_SHORT = 210 * MM;
    private static final double MARGIN_TOP = 10 * MM;
    private static final double MARGIN_BOTTOM = 8 * MM;
    private static final double MARGIN_SIDE = 12 * MM;
    private static final double BEFORE_EXTENT = 14 * MM;
    private static final double AFTER_EXTENT = 6 * MM;
    private static final double BODY_TOP = 16 * MM;
    private static final double BODY_BOTTOM = 8 * MM;
    private static final double FONT_SIZE = 8;
    private static final double LINE_HEIGHT = 9.6;
    /** A table row: one line whose leading gives the space above and below the text (cell padding costs FOP more). */
    private static final double ROW_HEIGHT = 12;

    private static final System.Logger LOG = System.getLogger(PdfReportWriter.class.getName());

    private final int pagesPerSequence;

    public PdfReportWriter() {
        this(PAGES_PER_SEQUENCE);
    }

    PdfReportWriter(int pagesPerSequence) {
        this.pagesPerSequence = pagesPerSequence;
    }

    @Override
    public String format() {
        return "pdf";
    }

    @Override
    public String extension() {
        return "pdf";
    }

    @Override
    public String mediaType() {
        return "application/pdf";
    }

    @Override
    public long write(ReportHeader header, List<ReportColumn> columns, RowSource rows, OutputStream out) throws Exception {
        ReportRun run = new ReportRun(header, columns, rows);
        FOUserAgent agent = Factory.INSTANCE.newFOUserAgent();
        agent.setProducer("Ream Central");
        agent.setCreator("Ream Central");
        agent.setTitle(run.title());
        if (header.generatedAt() != null) {
            agent.setCreationDate(java.util.Date.from(header.generatedAt().toInstant()));
        }
        agent.getEventBroadcaster().addEventListener(new LayoutEvents(run.title()));
        PageByPageHandler handler = new PageByPageHandler(new IFContext(agent));
        handler.getConfigurator().configure(handler);
        agent.setDocumentHandlerOverride(new EventProducingFilter(handler, agent));
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        Fop fop = Factory.INSTANCE.newFop(MimeConstants.MIME_PDF, agent, buffered);
        new Layout(run, new FoEvents(fop.getDefaultHandler()), pagesPerSequence).write();
        buffered.flush();
        return run.count();
    }

    /** Rows of one text line that fit on a page body under the repeated label row. */
    static int rowsPerPage(boolean landscape, int labelLines) {
        double body = (landscape ? PAGE_SHORT : PAGE_LONG) - MARGIN_TOP - MARGIN_BOTTOM - BODY_TOP - BODY_BOTTOM;
        double header = labelLines * ROW_HEIGHT + 1;
        return Math.max(1, (int) Math.floor((body - header) / ROW_HEIGHT));
    }

    /** One report's FO, page-sequence by page-sequence. */
    private static final class Layout {

        private final ReportRun run;
        private final FoEvents fo;
        private final boolean landscape;
        private final String[] aligns;
        private final String[] widths;
        private final String logo;
        private final int rowsPerSequence;
        private final int firstSequenceRows;
        private int sequenceRows;

        Layout(ReportRun run, FoEvents fo, int pagesPerSequence) {
            this.run = run;
            this.fo = fo;
            this.landscape = run.header.orientation() == ReportDesign.Orientation.LANDSCAPE;
            int n = run.columns.size();
            this.aligns = new String[n];
            this.widths = new String[n];
            double[] shares = ValueFormat.widthShares(run.columns);
            double tableWidth = (landscape ? PAGE_LONG : PAGE_SHORT) - 2 * MARGIN_SIDE;
            int labelLines = 1;
            for (int i = 0; i < n; i++) {
                ReportColumn c = run.columns.get(i);
                aligns[i] = align(ValueFormat.alignment(c));
                widths[i] = String.format(Locale.ROOT, "proportional-column-width(%.3f)", shares[i]);
                // A bold DejaVu character is about 0.65 em wide: how many lines a label takes in its column.
                double columnWidth = tableWidth * shares[i] / 100 - 4;
                double labelWidth = (c.label() == null ? 0 : c.label().length()) * FONT_SIZE * 0.65;
                labelLines = Math.max(labelLines, (int) Math.ceil(labelWidth / Math.max(1, columnWidth)));
            }
            int perPage = rowsPerPage(landscape, Math.min(labelLines, 4));
            this.rowsPerSequence = perPage * pagesPerSequence;
            // The first page also carries the header block: its lines count as rows.
            int headerBlockLines = 4 + run.aboutLines(false).size() + run.filterLines().size() + run.sites().size() + 3;
            this.firstSequenceRows = Math.max(1, rowsPerSequence - headerBlockLines - 2);
            this.logo = logoUri(run.header.logo());
            if (logo == null && run.header.logo() != null) {
                LOG.log(System.Logger.Level.WARNING, "PDF of report \"" + run.title() + "\": the custom logo is not a readable PNG, JPEG or GIF"
                        + " image and is left out");
            }
        }

        void write() throws Exception {
            fo.startDocument();
            fo.start("root", "font-family", FONT, "font-size", pt(FONT_SIZE), "line-height", pt(LINE_HEIGHT), "language",
                    run.format.locale().getLanguage().isEmpty() ? null : run.format.locale().getLanguage());
            layoutMasters();
            Object[] row = run.next();
            boolean first = true;
            do {
                startSequence(first);
                if (first) {
                    headerBlock();
                }
                startTable();
                int limit = first ? firstSequenceRows : rowsPerSequence;
                sequenceRows = 0;
                if (row == null && run.count() == 0) {
                    noRows();
                }
                while (row != null && sequenceRows < limit) {
                    dataRow(row);
                    sequenceRows++;
                    row = run.next();
                }
                if (row == null && run.summary.present() && run.count() > 0) {
                    summaryRow();
                }
                endTable();
                endSequence();
                first = false;
            } while (row != null);
            fo.end("root");
            fo.endDocument();
        }

        private void layoutMasters() throws Exception {
            fo.start("layout-master-set");
            fo.start("simple-page-master", "master-name", "page", "page-width", pt(landscape ? PAGE_LONG : PAGE_SHORT), "page-height",
                    pt(landscape ? PAGE_SHORT : PAGE_LONG), "margin-top", pt(MARGIN_TOP), "margin-bottom", pt(MARGIN_BOTTOM),
                    "margin-left", pt(MARGIN_SIDE), "margin-right", pt(MARGIN_SIDE));
            fo.empty("region-body", "margin-top", pt(BODY_TOP), "margin-bottom", pt(BODY_BOTTOM));
            fo.empty("region-before", "extent", pt(BEFORE_EXTENT));
            fo.empty("region-after", "extent", pt(AFTER_EXTENT));
            fo.end("simple-page-master");
            fo.end("layout-master-set");
        }

        private void startSequence(boolean first) throws Exception {
            fo.start("page-sequence", "master-reference", "page", "force-page-count", "no-force");
            // Every page: logo and title above, generation time and page number below.
            fo.start("static-content", "flow-name", "xsl-region-before");
            fo.start("table", "table-layout", "fixed", "width", "100%", "border-bottom", "0.5pt solid #808080");
            fo.empty("table-column", "column-width", "proportional-column-width(1)");
            fo.empty("table-column", "column-width", "proportional-column-width(3)");
            fo.start("table-body");
            fo.start("table-row");
            fo.start("table-cell", "display-align", "center");
            fo.start("block");
            if (logo != null) {
                fo.empty("external-graphic", "src", logo, "content-height", "scale-to-fit", "content-width", "scale-to-fit", "height",
                        "11mm", "width", "45mm", "scaling", "uniform");
            }
            fo.end("block");
            fo.end("table-cell");
            fo.start("table-cell", "display-align", "center");
            fo.block(run.title(), "text-align", "end", "font-size", "11pt", "font-weight", "bold");
            fo.end("table-cell");
            fo.end("table-row");
            fo.end("table-body");
            fo.end("table");
            fo.end("static-content");
            fo.start("static-content", "flow-name", "xsl-region-after");
            fo.start("block", "text-align-last", "justify", "font-size", "7pt", "color", "#505050");
            if (run.header.generatedAt() != null) {
                fo.text(run.texts.generated() + " " + run.format.displayInstant(run.header.generatedAt().toInstant()));
            }
            fo.empty("leader", "leader-pattern", "space");
            fo.text(run.texts.page() + " ");
            fo.empty("page-number");
            fo.end("block");
            fo.end("static-content");
            fo.start("flow", "flow-name", "xsl-region-body");
        }

        private void endSequence() throws Exception {
            fo.end("flow");
            fo.end("page-sequence");
        }

        private void headerBlock() throws Exception {
            fo.block(run.title(), "font-size", "14pt", "font-weight", "bold", "space-after", "2mm");
            fo.start("table", "table-layout", "fixed", "width", "100%", "space-after", "3mm");
            fo.empty("table-column", "column-width", "40mm");
            fo.empty("table-column", "column-width", "proportional-column-width(1)");
            fo.start("table-body");
            for (String[] line : run.aboutLines(false)) {
                if (line[0].isEmpty()) {
                    fo.start("table-row");
                    fo.start("table-cell", "number-columns-spanned", "2", "padding-bottom", "1mm");
                    fo.block(line[1], "font-style", "italic");
                    fo.end("table-cell");
                    fo.end("table-row");
                } else {
                    labelRow(line[0], line[1]);
                }
            }
            List<String> filters = run.filterLines();
            for (int i = 0; i < filters.size(); i++) {
                labelRow(i == 0 ? run.texts.filters() : "", filters.get(i));
            }
            fo.end("table-body");
            fo.end("table");

            List<SiteFreshness> sites = run.sites();
            if (!sites.isEmpty()) {
                fo.start("table", "table-layout", "fixed", "width", "100%", "space-after", "4mm");
                fo.empty("table-column", "column-width", "proportional-column-width(1)");
                fo.empty("table-column", "column-width", "proportional-column-width(1)");
                fo.start("table-header");
                fo.start("table-row", "font-weight", "bold", "background-color", "#e8e8e8");
                cell(run.texts.site(), "start");
                cell(run.texts.loadedUpTo(), "start");
                fo.end("table-row");
                fo.end("table-header");
                fo.start("table-body");
                for (SiteFreshness site : sites) {
                    fo.start("table-row");
                    cell(site.site(), "start");
                    fo.start("table-cell", "padding-start", "2pt", "padding-end", "2pt");
                    fo.block(run.texts.freshness(site, run.format), "font-style", site.loadedUpTo() == null ? "italic" : null, "color",
                            site.loadedUpTo() == null ? "#b00000" : null);
                    fo.end("table-cell");
                    fo.end("table-row");
                }
                fo.end("table-body");
                fo.end("table");
            }
        }

        private void labelRow(String label, String value) throws Exception {
            fo.start("table-row");
            fo.start("table-cell");
            fo.block(label, "font-weight", "bold");
            fo.end("table-cell");
            fo.start("table-cell");
            fo.block(value);
            fo.end("table-cell");
            fo.end("table-row");
        }

        private void startTable() throws Exception {
            fo.start("table", "table-layout", "fixed", "width", "100%", "border-collapse", "separate", "line-height", pt(ROW_HEIGHT));
            for (String w : widths) {
                fo.empty("table-column", "column-width", w);
            }
            fo.start("table-header");
            fo.start("table-row", "font-weight", "bold", "background-color", "#dddddd");
            for (int i = 0; i < widths.length; i++) {
                cell(run.columns.get(i).label(), aligns[i]);
            }
            fo.end("table-row");
            fo.end("table-header");
            fo.start("table-body");
        }

        private void endTable() throws Exception {
            fo.end("table-body");
            fo.end("table");
        }

        private void dataRow(Object[] row) throws Exception {
            fo.start("table-row", "background-color", run.count() % 2 == 0 ? "#f3f3f3" : null);
            for (int i = 0; i < row.length; i++) {
                cell(run.format.display(run.columns.get(i), row[i]), aligns[i]);
            }
            fo.end("table-row");
        }

        private void summaryRow() throws Exception {
            fo.start("table-row", "font-weight", "bold");
            String label = run.summary.label(run.texts);
            for (int i = 0; i < aligns.length; i++) {
                BigDecimal v = run.summary.value(i);
                String text = v != null ? run.format.displaySummary(run.columns.get(i), v) : i == 0 && label != null ? label : "";
                // in the separate border model a border belongs to cells, not rows
                fo.start("table-cell", "padding-start", "2pt", "padding-end", "2pt", "border-top", "0.8pt solid #000000");
                fo.block(text, "text-align", "start".equals(aligns[i]) ? null : aligns[i]);
                fo.end("table-cell");
            }
            fo.end("table-row");
        }

        private void noRows() throws Exception {
            fo.start("table-row");
            fo.start("table-cell", "number-columns-spanned", Integer.toString(aligns.length), "padding-start", "2pt", "padding-end", "2pt");
            fo.block(run.texts.noRows(), "font-style", "italic");
            fo.end("table-cell");
            fo.end("table-row");
        }

        /** A table cell; its attributes are few because FOP spends much of a large report evaluating them. */
        private void cell(String text, String align) throws Exception {
            fo.start("table-cell", "padding-start", "2pt", "padding-end", "2pt");
            fo.block(text, "text-align", "start".equals(align) ? null : align);
            fo.end("table-cell");
        }
    }

    private static String align(ReportDesign.Alignment a) {
        return switch (a) {
            case RIGHT -> "end";
            case CENTER -> "center";
            default -> "start";
        };
    }

    private static String pt(double points) {
        return String.format(Locale.ROOT, "%.2fpt", points);
    }

    /** The custom logo as a data URI (PNG, JPEG or GIF by its first bytes), or null when absent or of another kind. */
    static String logoUri(byte[] logo) {
        if (logo == null || logo.length < 4) {
            return null;
        }
        String type;
        if ((logo[0] & 0xff) == 0x89 && logo[1] == 'P' && logo[2] == 'N' && logo[3] == 'G') {
            type = "image/png";
        } else if ((logo[0] & 0xff) == 0xff && (logo[1] & 0xff) == 0xd8) {
            type = "image/jpeg";
        } else if (logo[0] == 'G' && logo[1] == 'I' && logo[2] == 'F') {
            type = "image/gif";
        } else {
            return null;
        }
        // An unreadable logo is left out here: FOP would report it on every page-sequence, quoting the whole data URI.
        try {
            if (javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(logo)) == null) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(logo);
    }

    /**
     * FOP's events, instead of its default listener, which logs one line per rendered page: a
     * 2,000-page report would log 2,000 lines. Warnings (text wider than its column, a glyph
     * missing from the font) are logged, the first few of each run only.
     */
    private static final class LayoutEvents implements EventListener {
        private static final int MAX_LOGGED = 10;
        private final String report;
        private int logged;

        LayoutEvents(String report) {
            this.report = report;
        }

        @Override
        public void processEvent(Event event) {
            EventSeverity severity = event.getSeverity();
            if (severity == EventSeverity.INFO || logged >= MAX_LOGGED) {
                return;
            }
            logged++;
            String message = EventFormatter.format(event);
            LOG.log(severity == EventSeverity.WARN ? System.Logger.Level.WARNING : System.Logger.Level.ERROR,
                    "PDF of report \"" + report + "\": " + (message.length() > 300 ? message.substring(0, 300) + "..." : message)
                            + (logged == MAX_LOGGED ? " (further layout messages of this report are not logged)" : ""));
        }
    }

    /**
     * FOP's PDF output, letting go of each page once it is in the file. FOP 2.x keeps every page
     * object to the end (for the page tree); each page keeps its boxes, resources and content
     * stream, the stream softly referenced, and a map of content streams by hash (to write
     * identical pages once) keeps the streams too: the heap grows by some 100 KB a page until the
     * collector runs short of memory. Once FOP has written a page, the page's entries are removed
     * (only its object number is used afterwards) and the map is emptied. This reaches two
     * private fields of PDFDocumentHandler; ReportWriterMemoryTest fails should a FOP version
     * change them.
     */
    static final class PageByPageHandler extends PDFDocumentHandler {
        private static final Field CURRENT_PAGE = field("currentPage", PDFPage.class);
        private static final Field CONTENTS = field("contents", Map.class);

        PageByPageHandler(IFContext context) {
            super(context);
        }

        @Override
        public void endPage() throws IFException {
            PDFPage page = (PDFPage) read(CURRENT_PAGE);
            super.endPage(); // writes the page and its content stream
            if (page != null) {
                // written: FOP needs only the page's object number from now on (for the page tree)
                for (String key : List.copyOf(page.keySet())) {
                    page.remove(key);
                }
            }
            Map<?, ?> contents = (Map<?, ?>) read(CONTENTS);
            if (contents != null) {
                contents.clear();
            }
        }

        private Object read(Field field) throws IFException {
            try {
                return field == null ? null : field.get(this);
            } catch (IllegalAccessException e) {
                throw new IFException("FOP's page state cannot be reached: " + field, e);
            }
        }

        private static Field field(String name, Class<?> type) {
            try {
                Field f = PDFDocumentHandler.class.getDeclaredField(name);
                f.setAccessible(true);
                return type.isAssignableFrom(f.getType()) ? f : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }

    /** One FopFactory for the process: it parses the fonts once and is safe to share between runs. */
    private static final class Factory {
        static final FopFactory INSTANCE = create();

        private static FopFactory create() {
            ClassLoader loader = PdfReportWriter.class.getClassLoader();
            // Only classpath resources (the fonts) are read, and data: URIs (the logo), which FOP decodes itself:
            // a report never makes FOP open a file or a network address.
            ResourceResolver resolver = new ResourceResolver() {
                @Override
                public Resource getResource(URI uri) throws IOException {
                    if (!"classpath".equals(uri.getScheme()) || uri.getPath() == null) {
                        throw new FileNotFoundException("reports read nothing outside the classpath: " + uri);
                    }
                    String path = uri.getPath();
                    InputStream in = loader.getResourceAsStream(path.startsWith("/") ? path.substring(1) : path);
                    if (in == null) {
                        throw new FileNotFoundException("not on the classpath: " + uri);
                    }
                    return new Resource(in);
                }

                @Override
                public OutputStream getOutputStream(URI uri) throws IOException {
                    throw new IOException("reports write no side files: " + uri);
                }
            };
            try (InputStream config = loader.getResourceAsStream(CONFIG)) {
                if (config == null) {
                    throw new IllegalStateException(CONFIG + " is missing from the classpath");
                }
                FopConfParser parser = new FopConfParser(config, URI.create("classpath:/ream/reports/output/"), resolver);
                return parser.getFopFactoryBuilder().build();
            } catch (Exception e) {
                throw new IllegalStateException("FOP configuration " + CONFIG + " cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
