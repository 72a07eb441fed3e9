package org.ream.central.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.reporting.counting.Breakdown;
import org.ream.central.reporting.counting.ColourMode;
import org.ream.central.reporting.counting.Counting;
import org.ream.central.reporting.counting.DetailedCounters;
import org.ream.central.reporting.counting.EnvironmentalImpact;
import org.ream.central.reporting.counting.JobFunction;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.counting.PageCounters;
import org.ream.central.reporting.counting.PaperFormat;
import org.ream.central.reporting.counting.PrintedWork;
import org.ream.central.reporting.counting.TonerCounting;
import org.ream.central.reporting.definition.FilterKind;
import org.ream.central.reporting.definition.ReportCatalogue;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportType;
import org.ream.central.reporting.output.ReportColumn;
import org.ream.central.reporting.query.Designs;
import org.ream.central.reporting.query.ReportQuery;
import org.ream.central.reporting.query.ReportQueryBuilder;
import org.ream.central.reporting.query.RunContext;

/**
 * The counting rules computed in SQL give the numbers {@code reporting.counting} gives in Java,
 * row by row, on generated rows with every oddity the data may have: print jobs of every colour,
 * sides and format setting (absent, lower case, padded, unknown), sessions with random counters,
 * toner replacements named every way, with counters missing or going down.
 */
@QuarkusTest
class CountingRulesInSqlTest {

    static final LocalDate DAY = LocalDate.of(2026, 9, 14);
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 9, 20, 12, 0, 0, 0, ZoneOffset.UTC);
    static final String[] FORMATS = {"A4", "a4", " A3 ", "A3", "Ledger", "LEDGER", "Letter", "A5", null, "", "weird"};

    static final String JOB_TYPE = """
            id: test-job-counters
            category: print-jobs
            names: {en: "Job counters", fr: "Compteurs des travaux"}
            rights: [MANAGE_REPORTS]
            source: jobs
            parameters: [period]
            filters: [site]
            columns:
              default: [jobName, bwPrints, colorPrints, bwCopies, colorCopies, fax, scans, bwPages, colorPages, totalPages, totalPrints,
                totalCopies, paperA4, paperA3, otherPaperFormats, simplex, duplex, colorL1, colorL2, colorL3, trees, co2Grams, energyWh,
                recycledEnergyWh, jobSizeKb,
                {id: jobSheets, label: {en: Sheets, fr: Feuilles}, type: count, measure: sheets},
                {id: printA3ColorDuplexSheets, label: {en: a, fr: a}, type: count, breakdown: {function: print, colour: color, format: a3, sides: duplex, unit: sheets}},
                {id: ledgerBwSimplexClicks, label: {en: b, fr: b}, type: count, breakdown: {colour: bw, format: ledger, sides: simplex}},
                {id: otherFormatClicks, label: {en: c, fr: c}, type: count, breakdown: {format: other}},
                {id: a4Duplex, label: {en: d, fr: d}, type: count, breakdown: {format: a4, sides: duplex, unit: sheets}},
                {id: copyClicks, label: {en: e, fr: e}, type: count, breakdown: {function: copy}}]
            """;

    static final String SESSION_TYPE = """
            id: test-session-counters
            category: users
            names: {en: "Session counters", fr: "Compteurs des sessions"}
            rights: [MANAGE_REPORTS]
            source: sessions
            parameters: [period]
            filters: [site]
            columns:
              default: [userName, sessionEnd, bwPrints, colorPrints, bwCopies, colorCopies, fax, scans, bwPages, colorPages, totalPages,
                totalPrints, totalCopies, paperA4, paperA3, otherPaperFormats, simplex, duplex, colorL1, colorL2, colorL3, trees, co2Grams,
                energyWh, recycledEnergyWh, {id: sessionSheets, label: {en: Sheets, fr: Feuilles}, type: count, measure: sheets}]
            """;

    static final String[] SESSION_COUNTERS = {"PRINT_BW", "PRINT_COLOR", "COPY_BW", "COPY_COLOR", "FAX_PAGES", "SCAN_PAGES", "PAGES_A4", "PAGES_A3",
            "PAGES_OTHER", "SIMPLEX_PAGES", "DUPLEX_PAGES", "COLOR_L1", "COLOR_L2", "COLOR_L3", "SHEETS"};

    @Inject
    Databases databases;

    @Inject
    ReportCatalogues catalogues;

    long newSite() {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id,
                "rr-gen-" + id, "10.2.2.2", 8093, false, false, "READY", Instant.now());
        return id;
    }

    /** Runs a type's default design on one site, keyed by the first column. */
    Map<Object, Object[]> run(ReportCatalogue catalogue, ReportType type, long siteId) throws Exception {
        ReportDesign d = Designs.defaults(type, DAY, DAY).withFilter(FilterKind.SITE, ReportDesign.FilterValue.of(Long.toString(siteId)));
        RunContext ctx = new RunContext(databases.mainDialect(), NOW, DayOfWeek.MONDAY, new RunContext.Viewer(1, "test", true), "en");
        ReportQuery q = new ReportQueryBuilder(catalogue.dictionary()).build(type, d, ctx);
        Map<Object, Object[]> out = new LinkedHashMap<>();
        try (JdbcRowSource rows = JdbcRowSource.open(databases.mainJdbc().dataSource(), q)) {
            Object[] r;
            while ((r = rows.next()) != null) {
                out.put(r[0], r);
            }
        }
        return out;
    }

    static int index(ReportQuery q, String id) {
        List<ReportColumn> cols = q.columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError(id);
    }

    static BigDecimal scaled(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
    }

    /** What each environmental and counter column must show for counters {@code c}. */
    static Map<String, Object> expected(PageCounters c) {
        Map<String, Object> e = new HashMap<>();
        e.put("bwPrints", c.printBw());
        e.put("colorPrints", c.printColor());
        e.put("bwCopies", c.copyBw());
        e.put("colorCopies", c.copyColor());
        e.put("fax", c.fax());
        e.put("scans", c.scans());
        for (Measure m : List.of(Measure.BW_PAGES, Measure.COLOR_PAGES, Measure.TOTAL_PAGES, Measure.TOTAL_PRINTS, Measure.TOTAL_COPIES, Measure.SIMPLEX,
                Measure.DUPLEX, Measure.COLOR_L1, Measure.COLOR_L2, Measure.COLOR_L3)) {
            e.put(m.id(), m.of(c).longValue());
        }
        e.put("paperA4", c.paperA4());
        e.put("paperA3", c.paperA3());
        e.put("otherPaperFormats", c.paperOtherFormats());
        EnvironmentalImpact env = c.environmentalImpact();
        e.put("trees", scaled(env.trees(), 4));
        e.put("co2Grams", scaled(env.co2Grams(), 1));
        e.put("energyWh", scaled(env.energyWh(), 0));
        e.put("recycledEnergyWh", scaled(env.recycledEnergyWh(), 0));
        return e;
    }

    static void assertRow(String what, List<ReportColumn> columns, Object[] row, Map<String, Object> expected) {
        for (int i = 0; i < columns.size(); i++) {
            String id = columns.get(i).id();
            if (expected.containsKey(id)) {
                assertThat(row[i]).as(what + " " + id).isEqualTo(expected.get(id));
            }
        }
    }

    @Test
    void aJobsCountersInSqlAreTheJobCountingRules() throws Exception {
        long site = newSite();
        SplittableRandom r = new SplittableRandom(5);
        Map<String, Map<String, Object>> expected = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            long pages = r.nextInt(0, 61);
            long copies = r.nextInt(0, 4);
            Boolean colour = new Boolean[] {null, true, false}[r.nextInt(3)];
            Boolean duplex = new Boolean[] {null, true, false}[r.nextInt(3)];
            String format = FORMATS[r.nextInt(FORMATS.length)];
            long size = r.nextLong(0, 50_000_000);
            String name = "g-" + i;
            databases.mainJdbc().update("INSERT INTO JOBS (ID, SITE_ID, SITE_RECORD_ID, USER_NAME, JOB_NAME, RECEIVED_AT, JOB_STATUS, PAGES, COPIES, COLOR,"
                    + " DUPLEX, PAPER_FORMAT, SIZE_BYTES) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", databases.newId(), site, name, "gen", name,
                    DAY.atStartOfDay(ZoneOffset.UTC).plusMinutes(i).toInstant(), "EXPIRED", pages, copies, colour, duplex, format, size);
            DetailedCounters dc = Counting.count(PrintedWork.ofJob(pages, copies, colour, duplex, format));
            Map<String, Object> e = expected(dc.totals());
            e.put("jobSheets", dc.totals().sheets());
            e.put("jobSizeKb", scaled(Measure.kilobytes(size), 2));
            e.put("printA3ColorDuplexSheets", new Breakdown(JobFunction.PRINT, ColourMode.COLOR, PaperFormat.A3, true, Breakdown.Unit.SHEETS).of(dc));
            e.put("ledgerBwSimplexClicks", new Breakdown(null, ColourMode.BW, PaperFormat.LEDGER, false, Breakdown.Unit.PAGES).of(dc));
            e.put("otherFormatClicks", new Breakdown(null, null, PaperFormat.OTHER, null, Breakdown.Unit.PAGES).of(dc));
            e.put("a4Duplex", new Breakdown(null, null, PaperFormat.A4, true, Breakdown.Unit.SHEETS).of(dc));
            e.put("copyClicks", new Breakdown(JobFunction.COPY, null, null, null, Breakdown.Unit.PAGES).of(dc));
            expected.put(name, e);
        }
        ReportCatalogue catalogue = catalogues.catalogue().withCustom("test-job-counters.yaml", JOB_TYPE);
        ReportType type = catalogue.type("test-job-counters");
        ReportQuery q = new ReportQueryBuilder(catalogue.dictionary()).build(type, Designs.defaults(type, DAY, DAY),
                new RunContext(databases.mainDialect(), NOW, DayOfWeek.MONDAY, new RunContext.Viewer(1, "test", true), "en"));
        Map<Object, Object[]> rows = run(catalogue, type, site);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        rows.forEach((name, row) -> assertRow("job " + name, q.columns(), row, expected.get(name)));
        assertThat(expected.values().stream().mapToLong(e -> (Long) e.get("printA3ColorDuplexSheets")).sum()).as("the data reaches each rule").isPositive();
        assertThat(expected.values().stream().mapToLong(e -> (Long) e.get("ledgerBwSimplexClicks")).sum()).isPositive();
    }

    @Test
    void aSessionsCountersInSqlAreTheReplicatedCountersRules() throws Exception {
        long site = newSite();
        SplittableRandom r = new SplittableRandom(9);
        Map<String, Map<String, Object>> expected = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Long> counters = new LinkedHashMap<>();
            for (String c : SESSION_COUNTERS) {
                counters.put(c, r.nextDouble() < 0.3 ? 0L : r.nextLong(0, 5_000));
            }
            String user = "gen-" + i;
            Instant start = DAY.atStartOfDay(ZoneOffset.UTC).plusMinutes(i).toInstant();
            List<Object> values = new ArrayList<>(List.of(databases.newId(), site, "gs-" + i, user, start, start.plusSeconds(60)));
            values.addAll(counters.values());
            databases.mainJdbc().update("INSERT INTO USER_SESSIONS (ID, SITE_ID, SITE_RECORD_ID, USER_NAME, STARTED_AT, ENDED_AT, "
                    + String.join(", ", SESSION_COUNTERS) + ") VALUES (?, ?, ?, ?, ?, ?" + ", ?".repeat(SESSION_COUNTERS.length) + ")", values.toArray());
            PageCounters pc = PageCounters.fromReplicated(counters);
            Map<String, Object> e = expected(pc);
            e.put("sessionSheets", pc.sheets());
            expected.put(user, e);
        }
        ReportCatalogue catalogue = catalogues.catalogue().withCustom("test-session-counters.yaml", SESSION_TYPE);
        ReportType type = catalogue.type("test-session-counters");
        assertThat(ReportQueryBuilder.listsFacts(type)).isTrue();
        ReportQuery q = new ReportQueryBuilder(catalogue.dictionary()).build(type, Designs.defaults(type, DAY, DAY),
                new RunContext(databases.mainDialect(), NOW, DayOfWeek.MONDAY, new RunContext.Viewer(1, "test", true), "en"));
        Map<Object, Object[]> rows = run(catalogue, type, site);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        rows.forEach((name, row) -> assertRow("session " + name, q.columns(), row, expected.get(name)));
    }

    @Test
    void aReplacedTonersLifeIsTheTonerCountingRule() throws Exception {
        long site = newSite();
        String[] colours = {"black", "K", "cyan", "C", "Magenta", " y ", null, "Black", "odd"};
        SplittableRandom r = new SplittableRandom(13);
        List<TonerCounting.Replacement> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String printer = "p-" + (1 + r.nextInt(3));
            String colour = colours[r.nextInt(colours.length)];
            Long counter = r.nextDouble() < 0.1 ? null : (long) r.nextInt(0, 100_000);
            Instant at = DAY.atStartOfDay(ZoneOffset.UTC).plusSeconds(i * 977L + r.nextInt(900)).toInstant();
            databases.mainJdbc().update("INSERT INTO TONER_REPLACEMENTS (ID, SITE_ID, SITE_RECORD_ID, PRINTER_RECORD_ID, REPLACED_AT, TONER_COLOR, PAGE_COUNTER)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", databases.newId(), site, "tr-" + i, printer, at, colour, counter);
            all.add(new TonerCounting.Replacement(printer, colour, at, counter));
        }
        Map<Instant, TonerCounting.TonerLife> lives = new HashMap<>();
        for (TonerCounting.TonerLife l : TonerCounting.lives(all)) {
            lives.put(l.replacement().replacedAt(), l);
        }
        ReportCatalogue catalogue = catalogues.catalogue();
        ReportType type = catalogue.type("alerts-toner-replacement");
        ReportDesign d = Designs.defaults(type, DAY, DAY.plusDays(1));
        assertThat(d.columns()).extracting(c -> ((ReportDesign.Field) c).column()).containsExactly("site", "printerName", "tonerColor", "tonerInstalled",
                "tonerReplaced", "tonerPrintedPages", "tonerTotalCounter");
        RunContext ctx = new RunContext(databases.mainDialect(), NOW, DayOfWeek.MONDAY, new RunContext.Viewer(1, "test", true), "en");
        ReportQuery q = new ReportQueryBuilder(catalogue.dictionary()).build(type,
                d.withFilter(FilterKind.SITE, ReportDesign.FilterValue.of(Long.toString(site))), ctx);
        int n = 0;
        try (JdbcRowSource rows = JdbcRowSource.open(databases.mainJdbc().dataSource(), q)) {
            Object[] row;
            while ((row = rows.next()) != null) {
                TonerCounting.TonerLife life = lives.get((Instant) row[4]);
                assertThat(life).isNotNull();
                assertThat(row[3]).as("installed").isEqualTo(life.installedAt());
                assertThat(row[5]).as("printed pages").isEqualTo(life.printedPages());
                assertThat(row[6]).isEqualTo(life.totalCounter());
                n++;
            }
        }
        assertThat(n).isEqualTo(all.size());
        assertThat(lives.values()).filteredOn(l -> l.printedPages() != null).hasSizeGreaterThan(10);
    }
}
