package org.ream.central.reporting.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ream.central.reporting.output.ReportSamples.CZECH;

import com.github.miachm.sods.OfficeCurrency;
import com.github.miachm.sods.Range;
import com.github.miachm.sods.Sheet;
import com.github.miachm.sods.SpreadSheet;
import com.github.miachm.sods.Style;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ream.central.reporting.definition.ColumnType;
import org.ream.central.reporting.definition.ReportDesign.Alignment;
import org.ream.central.reporting.definition.ReportDesign.Orientation;
import org.ream.central.reporting.definition.SummaryKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each format written from the same report (ReportSamples: French locale, euros, Prague time,
 * Czech text, a null, a summary, a loaded and a never loaded site) and read back by a real
 * reader, cell by cell.
 */
class ReportWritersTest {

    /** Files for a person to look at: target/report-output/. */
    private static final Path OUT = Path.of("target", "report-output");

    @Test
    void registryHasTheFiveFormatsOfTheManual() {
        ReportWriters writers = ReportWriters.standard();
        assertThat(writers.formats()).containsExactly("pdf", "csv", "xml", "xlsx", "ods");
        assertThat(writers.forFormat("PDF").mediaType()).isEqualTo("application/pdf");
        assertThat(writers.forFormat("xlsx").extension()).isEqualTo("xlsx");
        assertThat(writers.find("docx")).isEmpty();
        assertThatThrownBy(() -> writers.forFormat("docx")).hasMessageContaining("docx").hasMessageContaining("pdf, csv, xml, xlsx, ods");
    }

    @ParameterizedTest
    @ValueSource(chars = {';', ',', '\t', '|'})
    void csvWithEachDelimiter(char delimiter) throws Exception {
        byte[] bytes = ReportSamples.write(new CsvReportWriter(), ReportSamples.header(delimiter, Orientation.PORTRAIT));
        save("sample-" + (int) delimiter + ".csv", bytes);
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF); // UTF-8 byte order mark
        Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes, 3, bytes.length - 3), StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setCommentMarker('#').get();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).getComment().lines().toList()).containsExactly(
                "Résumé quotidien",
                "Pages et prix par utilisateur",
                "Type de rapport: Utilisateurs - Résumé quotidien",
                "Généré le: 2026-11-25 10:30:00",
                "Généré pour: Élodie Müller",
                "Fuseau horaire: Europe/Prague",
                "Filtres:",
                "Utilisateur : Élodie, bob",
                "Période : 01/11/2026 - 30/11/2026",
                "Site Praha: Données chargées jusqu'au 2026-11-20 14:00:00",
                "Site Brno: aucune donnée chargée");
        assertThat(records).hasSize(5);
        assertThat(records.get(0).values()).containsExactly("Utilisateur", "Date", "Imprimé le", "Pages N&B", "Prix total", "CO2 (g)", "Recto-verso");
        assertThat(records.get(1).values()).containsExactly(CZECH, "2026-11-02", "2026-11-02 09:15:30", "1234", "5440,50", "12,700", "true");
        assertThat(records.get(2).values()).containsExactly("Élodie Müller", "2026-11-03", "2026-11-04 00:30:00", "6", "", "25,400", "false");
        assertThat(records.get(3).values()).containsExactly("bob", "2026-11-04", "", "0", "0,25", "", "true");
        assertThat(records.get(4).values()).containsExactly("Résumé", "", "", "1240", "5440,75", "19,050", "");
    }

    @Test
    void csvRefusesAnotherDelimiter() {
        assertThatThrownBy(() -> ReportSamples.write(new CsvReportWriter(), ReportSamples.header(':', Orientation.PORTRAIT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void csvWithoutFiltersWhenTheDesignHidesThem() throws Exception {
        ReportHeader h = ReportSamples.header();
        ReportHeader hidden = new ReportHeader(h.title(), null, null, h.filterLines(), false, h.generatedAt(), null, java.util.Locale.ENGLISH,
                h.sites(), h.orientation(), null, "USD", ',');
        String text = new String(ReportSamples.write(new CsvReportWriter(), hidden), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Filters").doesNotContain("Utilisateur : ")
                .contains("# Site Praha: Data loaded up to 2026-11-20 14:00:00").contains("# Site Brno: no data loaded yet")
                .contains("\r\nSummary,,,1240,5440.75,19.050,\r\n");
    }

    @Test
    void xml() throws Exception {
        byte[] bytes = ReportSamples.write(new XmlReportWriter(), ReportSamples.header());
        save("sample.xml", bytes);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        Element report = doc.getDocumentElement();
        assertThat(report.getTagName()).isEqualTo("report");
        assertThat(report.getAttribute("locale")).isEqualTo("fr-FR");
        assertThat(report.getAttribute("timeZone")).isEqualTo("Europe/Prague");
        assertThat(report.getAttribute("currency")).isEqualTo("EUR");
        assertThat(text(report, "title")).isEqualTo("Résumé quotidien");
        assertThat(text(report, "type")).isEqualTo("Utilisateurs - Résumé quotidien");
        Element generated = (Element) report.getElementsByTagName("generated").item(0);
        assertThat(generated.getAttribute("at")).isEqualTo("2026-11-25T10:30:00+01:00");
        assertThat(generated.getAttribute("for")).isEqualTo("Élodie Müller");
        assertThat(texts(report, "filter")).containsExactly("Utilisateur : Élodie, bob", "Période : 01/11/2026 - 30/11/2026");
        NodeList sites = report.getElementsByTagName("site");
        assertThat(sites.getLength()).isEqualTo(2);
        Element praha = (Element) sites.item(0);
        assertThat(praha.getAttribute("name")).isEqualTo("Praha");
        assertThat(praha.getAttribute("loaded")).isEqualTo("true");
        assertThat(praha.getAttribute("loadedUpTo")).isEqualTo("2026-11-20T14:00:00+01:00");
        Element brno = (Element) sites.item(1);
        assertThat(brno.getAttribute("loaded")).isEqualTo("false");
        assertThat(brno.hasAttribute("loadedUpTo")).isFalse();
        NodeList columns = report.getElementsByTagName("column");
        assertThat(((Element) columns.item(3)).getAttribute("id")).isEqualTo("bwPages");
        assertThat(((Element) columns.item(3)).getAttribute("summary")).isEqualTo("sum");
        assertThat(((Element) columns.item(3)).getAttribute("label")).isEqualTo("Pages N&B");

        NodeList rows = report.getElementsByTagName("row");
        assertThat(rows.getLength()).isEqualTo(3);
        assertThat(values((Element) rows.item(0))).containsExactly(CZECH, "2026-11-02", "2026-11-02T09:15:30+01:00", "1234", "5440.50", "12.700", "true");
        assertThat(values((Element) rows.item(1))).containsExactly("Élodie Müller", "2026-11-03", "2026-11-04T00:30:00+01:00", "6", null, "25.400", "false");
        assertThat(values((Element) rows.item(2))).containsExactly("bob", "2026-11-04", null, "0", "0.25", null, "true");
        Element first = (Element) ((Element) rows.item(0)).getElementsByTagName("value").item(3);
        assertThat(first.getAttribute("column")).isEqualTo("bwPages");

        Element summary = (Element) report.getElementsByTagName("summary").item(0);
        NodeList sums = summary.getElementsByTagName("value");
        assertThat(sums.getLength()).isEqualTo(3);
        assertThat(attrs(sums, "column")).containsExactly("bwPages", "totalPrice", "co2Grams");
        assertThat(attrs(sums, "kind")).containsExactly("sum", "sum", "average");
        assertThat(List.of(sums.item(0).getTextContent(), sums.item(1).getTextContent(), sums.item(2).getTextContent()))
                .containsExactly("1240", "5440.75", "19.050");
    }

    @Test
    void xlsx() throws Exception {
        byte[] bytes = ReportSamples.write(new XlsxReportWriter(), ReportSamples.header());
        save("sample.xlsx", bytes);
        List<Row> rows;
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, false))) {
            assertThat(wb.getFirstSheet().getName()).isEqualTo("Résumé quotidien");
            rows = wb.getFirstSheet().read();
        }
        assertThat(rows.get(0).getCellText(0)).isEqualTo("Résumé quotidien");
        assertThat(rows.get(1).getCellText(0)).isEqualTo("Pages et prix par utilisateur");
        assertThat(line(rows.get(2))).containsExactly("Type de rapport", "Utilisateurs - Résumé quotidien");
        assertThat(line(rows.get(3))).containsExactly("Généré le", "25/11/2026 10:30:00");
        assertThat(line(rows.get(4))).containsExactly("Généré pour", "Élodie Müller");
        assertThat(line(rows.get(5))).containsExactly("Fuseau horaire", "Europe/Prague");
        assertThat(line(rows.get(6))).containsExactly("Filtres", "Utilisateur : Élodie, bob");
        assertThat(rows.get(7).getCellText(1)).isEqualTo("Période : 01/11/2026 - 30/11/2026");
        assertThat(line(rows.get(8))).containsExactly("Site", "Données chargées jusqu'au");
        assertThat(rows.get(9).getCellText(0)).isEqualTo("Praha");
        assertThat(rows.get(9).getCell(1).asDate()).isEqualTo(LocalDateTime.of(2026, 11, 20, 14, 0));
        assertThat(rows.get(9).getCell(1).getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
        assertThat(line(rows.get(10))).containsExactly("Brno", "aucune donnée chargée");

        Row labels = rows.get(11);
        assertThat(labels.getRowNum()).isEqualTo(13); // one empty row between the header block and the table
        assertThat(line(labels)).containsExactly("Utilisateur", "Date", "Imprimé le", "Pages N&B", "Prix total", "CO2 (g)", "Recto-verso");

        Row r1 = rows.get(12);
        assertThat(r1.getCell(0).getType()).isEqualTo(CellType.STRING);
        assertThat(r1.getCellText(0)).isEqualTo(CZECH);
        assertThat(r1.getCell(1).asDate()).isEqualTo(LocalDateTime.of(2026, 11, 2, 0, 0));
        assertThat(r1.getCell(1).getDataFormatString()).isEqualTo("yyyy-mm-dd");
        assertThat(r1.getCell(2).asDate()).isEqualTo(LocalDateTime.of(2026, 11, 2, 9, 15, 30));
        assertThat(r1.getCell(3).asNumber()).isEqualByComparingTo("1234");
        assertThat(r1.getCell(3).getDataFormatString()).isEqualTo("#,##0");
        assertThat(r1.getCell(4).asNumber()).isEqualByComparingTo("5440.5");
        assertThat(r1.getCell(4).getDataFormatString()).isEqualTo("#,##0.00\\ [$€]");
        assertThat(r1.getCell(5).asNumber()).isEqualByComparingTo("12.7");
        assertThat(r1.getCell(5).getDataFormatString()).isEqualTo("#,##0.000");
        assertThat(r1.getCell(6).getType()).isEqualTo(CellType.BOOLEAN);
        assertThat(r1.getCell(6).asBoolean()).isTrue();

        Row r2 = rows.get(13);
        assertThat(r2.getCellText(0)).isEqualTo("Élodie Müller");
        assertThat(r2.getCell(2).asDate()).isEqualTo(LocalDateTime.of(2026, 11, 4, 0, 30));
        assertThat(r2.getOptionalCell(4).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);
        assertThat(r2.getCell(6).asBoolean()).isFalse();

        Row r3 = rows.get(14);
        assertThat(r3.getOptionalCell(2).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);
        assertThat(r3.getCell(3).asNumber()).isEqualByComparingTo("0");
        assertThat(r3.getOptionalCell(5).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);

        Row summary = rows.get(15);
        assertThat(summary.getCellText(0)).isEqualTo("Résumé");
        assertThat(summary.getCell(3).asNumber()).isEqualByComparingTo("1240");
        assertThat(summary.getCell(4).asNumber()).isEqualByComparingTo("5440.75");
        assertThat(summary.getCell(5).asNumber()).isEqualByComparingTo("19.05");
        assertThat(rows).hasSize(16);

        String xml = zipEntries(bytes, "xl/worksheets/sheet1.xml").get("xl/worksheets/sheet1.xml");
        // widths follow the design's percentages (30 % for the user name, 10 % for B&W pages)
        assertThat(xml).contains("<col min=\"1\" max=\"1\" width=\"33");
        assertThat(xml).contains("<col min=\"4\" max=\"4\" width=\"11.0\"");
        assertThat(xml).contains("orientation=\"portrait\"");
        // alignment: numbers right (auto), CO2 centred as designed
        String styles = zipEntries(bytes, "xl/styles.xml").get("xl/styles.xml");
        assertThat(styles).contains("horizontal=\"right\"").contains("horizontal=\"center\"");
    }

    @Test
    void ods() throws Exception {
        byte[] bytes = ReportSamples.write(new OdsReportWriter(), ReportSamples.header(';', Orientation.LANDSCAPE));
        save("sample.ods", bytes);
        // the mimetype entry first and stored, as ODF requires
        assertThat(new String(bytes, 30, 8, StandardCharsets.US_ASCII)).isEqualTo("mimetype");
        assertThat(new String(bytes, 38, 46, StandardCharsets.US_ASCII)).isEqualTo("application/vnd.oasis.opendocument.spreadsheet");

        Sheet sheet = new SpreadSheet(new ByteArrayInputStream(bytes)).getSheet(0);
        assertThat(sheet.getName()).isEqualTo("Résumé quotidien");
        Range all = sheet.getDataRange();
        Object[][] v = all.getValues();
        assertThat(v[0][0]).isEqualTo("Résumé quotidien");
        assertThat(all.getCell(0, 0).getStyle().isBold()).isTrue();
        assertThat(v[1][0]).isEqualTo("Pages et prix par utilisateur");
        assertThat(row(v, 2, 2)).containsExactly("Type de rapport", "Utilisateurs - Résumé quotidien");
        assertThat(row(v, 3, 2)).containsExactly("Généré le", "25/11/2026 10:30:00");
        assertThat(row(v, 4, 2)).containsExactly("Généré pour", "Élodie Müller");
        assertThat(row(v, 5, 2)).containsExactly("Fuseau horaire", "Europe/Prague");
        assertThat(row(v, 6, 2)).containsExactly("Filtres", "Utilisateur : Élodie, bob");
        assertThat(row(v, 7, 2)).containsExactly(null, "Période : 01/11/2026 - 30/11/2026");
        assertThat(row(v, 8, 2)).containsExactly("Site", "Données chargées jusqu'au");
        assertThat(row(v, 9, 2)).containsExactly("Praha", LocalDateTime.of(2026, 11, 20, 14, 0));
        assertThat(row(v, 10, 2)).containsExactly("Brno", "aucune donnée chargée");
        assertThat(row(v, 11, 7)).containsOnlyNulls();
        assertThat(row(v, 12, 7)).containsExactly("Utilisateur", "Date", "Imprimé le", "Pages N&B", "Prix total", "CO2 (g)", "Recto-verso");
        assertThat(all.getCell(12, 3).getStyle().isBold()).isTrue();

        assertThat(row(v, 13, 7)).containsExactly(CZECH, LocalDate.of(2026, 11, 2), LocalDateTime.of(2026, 11, 2, 9, 15, 30), 1234.0,
                v[13][4], 12.7, true);
        assertThat(((OfficeCurrency) v[13][4]).getValue()).isEqualTo(5440.5);
        assertThat(((OfficeCurrency) v[13][4]).getCurrency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(row(v, 14, 7)).containsExactly("Élodie Müller", LocalDate.of(2026, 11, 3), LocalDateTime.of(2026, 11, 4, 0, 30), 6.0,
                null, 25.4, false);
        assertThat(row(v, 15, 7)).containsExactly("bob", LocalDate.of(2026, 11, 4), null, 0.0, v[15][4], null, true);
        assertThat(((OfficeCurrency) v[15][4]).getValue()).isEqualTo(0.25);
        assertThat(row(v, 16, 7)).containsExactly("Résumé", null, null, 1240.0, v[16][4], 19.05, null);
        assertThat(((OfficeCurrency) v[16][4]).getValue()).isEqualTo(5440.75);
        assertThat(all.getCell(16, 3).getStyle().isBold()).isTrue();
        assertThat(v).hasNumberOfRows(17);

        // alignment: numbers to the right (auto), CO2 centred as designed, text to the left
        assertThat(all.getCell(13, 3).getStyle().getTextAligment()).isEqualTo(Style.TEXT_ALIGMENT.Right);
        assertThat(all.getCell(13, 5).getStyle().getTextAligment()).isEqualTo(Style.TEXT_ALIGMENT.Center);
        assertThat(all.getCell(13, 0).getStyle().getTextAligment()).isEqualTo(Style.TEXT_ALIGMENT.Left);
        // widths: the user name takes 30 % of a landscape page's 27.7 cm, B&W pages 10 %
        String content = zipEntries(bytes, "content.xml").get("content.xml");
        assertThat(content).contains("style:column-width=\"8.31cm\"").contains("style:column-width=\"2.77cm\"");
        assertThat(zipEntries(bytes, "styles.xml").get("styles.xml")).contains("style:print-orientation=\"landscape\"");
    }

    @Test
    void pdf() throws Exception {
        byte[] logo = logoPng();
        ReportHeader h = ReportSamples.header();
        ReportHeader withLogo = new ReportHeader(h.title(), h.description(), h.typeName(), h.filterLines(), true, h.generatedAt(),
                h.generatedFor(), h.locale(), h.sites(), Orientation.PORTRAIT, logo, h.currency(), h.csvDelimiter());
        byte[] bytes = ReportSamples.write(new PdfReportWriter(), withLogo);
        save("sample.pdf", bytes);
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(0, 100);
            ImageIO.write(image, "png", OUT.resolve("sample-page1.png").toFile());
            assertThat(darkPixels(image)).isGreaterThan(2_000);
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            PDPage page = pdf.getPage(0);
            assertThat(page.getMediaBox().getHeight()).isGreaterThan(page.getMediaBox().getWidth());
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Résumé quotidien", "Pages et prix par utilisateur", "Type de rapport",
                    "Utilisateurs - Résumé quotidien", "Généré pour", "Élodie Müller", "Fuseau horaire", "Europe/Prague",
                    "Utilisateur : Élodie, bob", "Période : 01/11/2026 - 30/11/2026");
            assertThat(text).containsPattern("Praha\\s+20/11/2026 14:00:00").containsPattern("Brno\\s+aucune donnée chargée");
            assertThat(text).contains(CZECH);
            // French number formats: (narrow) no-break spaces for thousands and before the euro, decimal comma
            assertThat(text).contains("1\u202f234");
            String spaced = text.replaceAll("[\u00a0\u202f]", " ");
            assertThat(lineWith(spaced, CZECH)).isEqualTo(CZECH + " 02/11/2026 02/11/2026 09:15:30 1 234 5 440,50 € 12,700 Oui");
            assertThat(lineWith(spaced, "Élodie Müller 03")).isEqualTo("Élodie Müller 03/11/2026 04/11/2026 00:30:00 6 25,400 Non");
            assertThat(lineWith(spaced, "bob 04")).isEqualTo("bob 04/11/2026 0 0,25 € Oui");
            assertThat(lineWith(spaced, "Résumé 1")).isEqualTo("Résumé 1 240 5 440,75 € 19,050");
            assertThat(text).contains("Page 1");
            List<String> fonts = new ArrayList<>();
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                fonts.add(font.getName());
                assertThat(font.isEmbedded()).isTrue();
            }
            assertThat(fonts).anyMatch(f -> f.contains("DejaVuSans")).anyMatch(f -> f.contains("DejaVuSans-Bold"));
            assertThat(page.getResources().getXObjectNames()).isNotEmpty(); // the logo
        }
    }

    @Test
    void pdfLandscapeWithManyRowsRepeatsTheLabelsOnEveryPage() throws Exception {
        ReportHeader h = ReportSamples.header(';', Orientation.LANDSCAPE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = new PdfReportWriter(2).write(h, ReportSamples.COLUMNS, ReportSamples.generated(500), out);
        assertThat(written).isEqualTo(500);
        save("sample-landscape.pdf", out.toByteArray());
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            PDPage page = pdf.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isGreaterThan(page.getMediaBox().getHeight());
            PDFTextStripper stripper = new PDFTextStripper();
            int pages = pdf.getNumberOfPages();
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String text = stripper.getText(pdf);
                assertThat(text).as("page " + p).contains("Utilisateur Date Imprimé le Pages N&B Prix total CO2 (g) Recto-verso")
                        .contains("Page " + p).contains("Résumé quotidien");
            }
            String all = new PDFTextStripper().getText(pdf);
            assertThat(all).contains("Uživatel č. 0 (", "Uživatel č. 499 (");
            // page-sequences are sized to whole pages: rows of one line leave no half-empty page behind
            int perPage = PdfReportWriter.rowsPerPage(true, 1);
            assertThat(pages).isLessThanOrEqualTo((500 + 20) / perPage + 2);
        }
    }

    @Test
    void pdfWithoutRowsSaysSo() throws Exception {
        List<ReportColumn> plain = List.of(new ReportColumn("userName", "User", ColumnType.TEXT, Alignment.AUTO, 0, SummaryKind.NONE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new PdfReportWriter().write(ReportSamples.header(), ReportSamples.COLUMNS, ReportSamples.rows(List.of()), out)).isZero();
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Aucune donnée");
        }
    }

    @Test
    void pdfStillWritesTextWithACharacterOutsideTheFont() throws Exception {
        List<ReportColumn> plain = List.of(new ReportColumn("userName", "User", ColumnType.TEXT, Alignment.AUTO, 0, SummaryKind.NONE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PdfReportWriter().write(ReportSamples.header(), plain, ReportSamples.rows(List.<Object[]>of(new Object[] {"Tanaka 田中"})), out);
        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            // FOP draws its "#" glyph for each missing character (and logs it); the row is there
            assertThat(new PDFTextStripper().getText(pdf)).contains("Tanaka ");
        }
    }

    @Test
    void pdfWithABrokenLogoIsWrittenWithoutIt() throws Exception {
        ReportHeader h = ReportSamples.header();
        byte[] broken = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5};
        ReportHeader withLogo = new ReportHeader(h.title(), h.description(), h.typeName(), h.filterLines(), true, h.generatedAt(),
                h.generatedFor(), h.locale(), h.sites(), Orientation.PORTRAIT, broken, h.currency(), h.csvDelimiter());
        try (PDDocument pdf = Loader.loadPDF(ReportSamples.write(new PdfReportWriter(), withLogo))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(CZECH);
        }
    }

    @Test
    void everyWriterThrowsWhenTheRowsFailMidway() {
        for (String format : ReportWriters.standard().formats()) {
            ReportWriter writer = ReportWriters.standard().forFormat(format);
            assertThatThrownBy(() -> writer.write(ReportSamples.header(), ReportSamples.COLUMNS, ReportSamples.failingAt(1_500),
                    new ByteArrayOutputStream())).as(format).hasStackTraceContaining("connection lost");
        }
    }

    @Test
    void everyWriterRefusesARowOfTheWrongWidth() {
        for (String format : ReportWriters.standard().formats()) {
            ReportWriter writer = ReportWriters.standard().forFormat(format);
            assertThatThrownBy(() -> writer.write(ReportSamples.header(), ReportSamples.COLUMNS,
                    ReportSamples.rows(List.of(ReportSamples.ROWS.get(0), new Object[] {"short"})), new ByteArrayOutputStream()))
                    .as(format).hasStackTraceContaining("row 2 has 1 values for 7 columns");
        }
    }

    @Test
    void writersLeaveTheStreamOpen() throws Exception {
        for (String format : ReportWriters.standard().formats()) {
            boolean[] closed = {false};
            ByteArrayOutputStream out = new ByteArrayOutputStream() {
                @Override
                public void close() {
                    closed[0] = true;
                }
            };
            ReportWriters.standard().forFormat(format).write(ReportSamples.header(), ReportSamples.COLUMNS, ReportSamples.rows(ReportSamples.ROWS), out);
            assertThat(closed[0]).as(format).isFalse();
            assertThat(out.size()).as(format).isPositive();
        }
    }

    // --- helpers

    private static void save(String name, byte[] bytes) throws Exception {
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name), bytes);
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }

    private static List<String> texts(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static List<String> attrs(NodeList nodes, String attribute) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(((Element) nodes.item(i)).getAttribute(attribute));
        }
        return out;
    }

    /** A row's values in column order; null where the value is marked null. */
    private static List<String> values(Element row) {
        NodeList nodes = row.getElementsByTagName("value");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            out.add("true".equals(e.getAttribute("null")) ? null : e.getTextContent());
        }
        return out;
    }

    private static List<String> line(Row row) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < row.getCellCount(); i++) {
            out.add(row.getCellText(i));
        }
        return out;
    }

    private static List<Object> row(Object[][] values, int r, int width) {
        List<Object> out = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            out.add(values[r][c]);
        }
        return out;
    }

    private static String lineWith(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line " + start + " in\n" + text));
    }

    /** Read through a file: fastexcel writes entries with data descriptors, which ZipInputStream cannot size. */
    private static Map<String, String> zipEntries(byte[] zip, String name) throws Exception {
        Path file = Files.createTempFile("report", ".zip");
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(Files.write(file, zip).toFile())) {
            ZipEntry e = z.getEntry(name);
            assertThat(e).as(name).isNotNull();
            return Map.of(name, new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            Files.delete(file);
        }
    }

    static int darkPixels(BufferedImage image) {
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int lum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                if (lum < 3 * 160) {
                    dark++;
                }
            }
        }
        return dark;
    }

    /** A small logo: a blue square with a white diagonal. */
    static byte[] logoPng() throws Exception {
        BufferedImage img = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(0x1f4e9a));
        g.fillRect(0, 0, 120, 40);
        g.setColor(java.awt.Color.WHITE);
        g.drawLine(0, 40, 120, 0);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @SuppressWarnings("unused")
    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
