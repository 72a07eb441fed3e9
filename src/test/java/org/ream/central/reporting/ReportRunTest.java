package org.ream.central.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.FilterKind;
import org.ream.central.reporting.definition.ReportCatalogue;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportType;
import org.ream.central.reporting.output.SiteFreshness;
import org.ream.central.reporting.query.Designs;
import org.ream.central.reporting.query.ReportAccessException;
import org.ream.central.reporting.query.ReportQuery;
import org.ream.central.security.Right;
import org.ream.central.security.SessionUser;
import org.ream.central.settings.ValidationException;

/**
 * Reports run on the embedded database over a simulated site loaded with the real loader: every
 * built-in type's default design runs, and the numbers of the daily summary, the Top N users, the
 * printers' total summary and the groups' monthly summary equal sums made in Java over the same
 * session rows, read apart.
 */
@QuarkusTest
class ReportRunTest {

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 10, 12, 0, 0, 0, ReportTestSite.ZONE);

    @Inject
    Databases databases;

    @Inject
    ReplicationBatches batches;

    @Inject
    PayloadLoader loader;

    @Inject
    ReportRunner runner;

    @Inject
    ReportCatalogues catalogues;

    @Inject
    SiteFreshnessReader freshness;

    ReportTestSite site;
    SessionUser manager;

    @BeforeEach
    void loadSite() throws Exception {
        site = ReportTestSite.load(databases, batches, loader);
        manager = new SessionUser(site.loginUserId, site.loginUser, "Report User 01", Set.of(Right.MANAGE_REPORTS));
    }

    ReportCatalogue catalogue() {
        return catalogues.catalogue();
    }

    ReportDesign design(String typeId) {
        return Designs.defaultsOnSite(catalogue().type(typeId), ReportTestSite.FIRST, ReportTestSite.LAST, site.siteId);
    }

    List<Object[]> rows(ReportDesign d, SessionUser user) throws Exception {
        ReportRunner.Prepared p = runner.prepare(d, user, NOW);
        List<Object[]> out = new ArrayList<>();
        try (JdbcRowSource source = runner.open(p.query())) {
            Object[] row;
            while ((row = source.next()) != null) {
                assertThat(row).hasSize(p.query().columns().size());
                out.add(row);
            }
        }
        return out;
    }

    List<ReportTestSite.Session> sessionsInPeriod() {
        return site.sessions(databases).stream()
                .filter(s -> !s.localDate().isBefore(ReportTestSite.FIRST) && !s.localDate().isAfter(ReportTestSite.LAST)).toList();
    }

    /** Keys (the report's text, date and period columns) to sums, from the report's rows. */
    static Map<List<Object>, List<Object>> byKey(List<Object[]> rows, int keys) {
        Map<List<Object>, List<Object>> out = new HashMap<>();
        for (Object[] r : rows) {
            List<Object> values = new ArrayList<>();
            for (int i = keys; i < r.length; i++) {
                values.add(r[i] instanceof BigDecimal b ? b.setScale(4) : r[i]);
            }
            assertThat(out.put(new ArrayList<>(java.util.Arrays.asList(r).subList(0, keys)), values)).as("one row per key").isNull();
        }
        return out;
    }

    /** The Java side: per key, the sums of the measures and of the user price. */
    static Map<List<Object>, List<Object>> expected(List<ReportTestSite.Session> sessions, Function<ReportTestSite.Session, List<List<Object>>> keys,
            Measure... measures) {
        Map<List<Object>, long[]> sums = new HashMap<>();
        Map<List<Object>, BigDecimal> prices = new HashMap<>();
        for (ReportTestSite.Session s : sessions) {
            for (List<Object> k : keys.apply(s)) {
                long[] t = sums.computeIfAbsent(k, x -> new long[measures.length]);
                for (int i = 0; i < measures.length; i++) {
                    t[i] += measures[i].of(s.counters()).longValue();
                }
                prices.merge(k, s.priceUser(), BigDecimal::add);
            }
        }
        Map<List<Object>, List<Object>> out = new HashMap<>();
        sums.forEach((k, t) -> {
            List<Object> v = new ArrayList<>();
            for (long x : t) {
                v.add(x);
            }
            v.add(prices.get(k).setScale(4));
            out.put(k, v);
        });
        return out;
    }

    static List<List<Object>> one(Object... key) {
        List<List<Object>> out = new ArrayList<>();
        out.add(new ArrayList<>(java.util.Arrays.asList(key)));
        return out;
    }

    @Test
    void everyBuiltInTypesDefaultDesignRunsOnTheLoadedData() throws Exception {
        Set<String> empty = new HashSet<>();
        int ran = 0;
        for (ReportType type : catalogue().types()) {
            if (!type.runnable()) {
                continue;
            }
            ReportDesign d = design(type.id());
            List<Object[]> rows = rows(d, manager);
            List<org.ream.central.reporting.output.ReportColumn> columns = runner.prepare(d, manager, NOW).query().columns();
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != null) {
                        assertThat(row[i]).as(type.id() + " " + columns.get(i).id()).isInstanceOf(javaType(columns.get(i).type()));
                    }
                }
            }
            ran++;
            if (rows.isEmpty()) {
                empty.add(type.id());
            }
        }
        assertThat(ran).isEqualTo(catalogue().types().size() - 3); // credit balance and operations, meter reading via SNMP
        assertThat(empty).as("types without a row on a site with two weeks of everything").isEmpty();
    }

    /** The value classes RowSource promises, per column type. */
    static Class<?> javaType(org.ream.central.reporting.definition.ColumnType t) {
        return switch (t) {
            case TEXT, PERIOD -> String.class;
            case COUNT, NUMBER -> Long.class;
            case DECIMAL, MONEY -> BigDecimal.class;
            case BOOL -> Boolean.class;
            case DATE -> LocalDate.class;
            case DATETIME -> Instant.class;
        };
    }

    @Test
    void usersDailySummaryIsTheSessionsSummedPerUserAndDayOfTheServerZone() throws Exception {
        ReportDesign d = design("users-daily-summary");
        assertThat(d.columns()).extracting(c -> ((ReportDesign.Field) c).column()).containsExactly("userName", "site", "fullName", "date", "bwPages",
                "colorPages", "totalPages", "scans", "totalPrice");
        Map<List<Object>, List<Object>> expected = expected(sessionsInPeriod(),
                s -> one(s.userName(), site.siteName, s.fullName(), s.localDate()), Measure.BW_PAGES, Measure.COLOR_PAGES, Measure.TOTAL_PAGES,
                Measure.SCANS);
        Map<List<Object>, List<Object>> actual = byKey(rows(d, manager), 4);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.keySet()).extracting(k -> k.get(3)).contains(LocalDate.of(2026, 10, 25), ReportTestSite.LAST)
                .doesNotContain(ReportTestSite.LAST.plusDays(1));
        assertThat(actual.keySet()).extracting(k -> k.get(2)).containsNull(); // the user the central server does not know
    }

    @Test
    void topNUsersShowsTheNFirstByTheChosenCounterThenTheRemainingSum() throws Exception {
        ReportDesign d = design("users-top-n");
        d = d.withParameters(d.parameters().withTopN(Measure.COLOR_PAGES, 5, true));
        List<Object[]> rows = rows(d, manager);
        List<ReportTestSite.Session> sessions = sessionsInPeriod();
        Map<List<Object>, List<Object>> perUser = expected(sessions, s -> one(site.siteName, s.userName(), s.fullName()), Measure.BW_PAGES,
                Measure.COLOR_PAGES, Measure.TOTAL_PAGES, Measure.SCANS);
        List<Long> colour = perUser.values().stream().map(v -> (Long) v.get(1)).sorted(Comparator.reverseOrder()).toList();
        assertThat(rows).hasSize(6);
        for (int i = 0; i < 5; i++) {
            List<Object> key = java.util.Arrays.asList(rows.get(i)).subList(0, 3);
            assertThat(rows.get(i)[4]).isEqualTo(colour.get(i));
            assertThat(byKey(List.<Object[]>of(rows.get(i)), 3).get(key)).isEqualTo(perUser.get(key));
        }
        Object[] rest = rows.get(5);
        assertThat(rest[0]).isEqualTo("Remaining sum");
        assertThat(rest[1]).isNull();
        long total = sessions.stream().mapToLong(s -> s.counters().totalPages()).sum();
        long top = rows.subList(0, 5).stream().mapToLong(r -> (Long) r[5]).sum();
        assertThat(rest[5]).isEqualTo(total - top);
        assertThat(rest[4]).isEqualTo(colour.subList(5, colour.size()).stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void printersTotalSummaryCountsEachSessionInEachGroupOfItsUser() throws Exception {
        ReportDesign d = design("printers-total-summary");
        assertThat(d.columns()).extracting(c -> ((ReportDesign.Field) c).column()).startsWith("site", "printerName", "userGroup", "userName", "fullName",
                "totalPages", "bwPrints", "bwCopies", "colorPrints", "colorCopies", "scans", "totalPrice");
        List<ReportTestSite.Session> sessions = sessionsInPeriod();
        Map<List<Object>, List<Object>> expected = expected(sessions, s -> {
            List<List<Object>> keys = new ArrayList<>();
            for (String g : s.groups()) {
                keys.addAll(one(site.siteName, s.printerName(), g, s.userName(), s.fullName()));
            }
            return keys;
        }, Measure.TOTAL_PAGES, Measure.PRINT_BW, Measure.COPY_BW, Measure.PRINT_COLOR, Measure.COPY_COLOR, Measure.SCANS);
        assertThat(byKey(rows(d, manager), 5)).isEqualTo(expected);
        assertThat(expected.keySet()).extracting(k -> k.get(2)).contains(site.salesName, site.supportName, null);
    }

    @Test
    void groupsMonthlySummaryIsPerGroupAndMonthOfTheServerZone() throws Exception {
        ReportDesign d = design("groups-monthly-summary");
        assertThat(d.columns()).extracting(c -> ((ReportDesign.Field) c).column()).containsExactly("groupName", "site", "periodMonth", "bwPages",
                "colorPages", "totalPages", "scans", "totalPrice");
        DateTimeFormatter month = DateTimeFormatter.ofPattern("yyyy-MM");
        Map<List<Object>, List<Object>> expected = expected(sessionsInPeriod(), s -> {
            List<List<Object>> keys = new ArrayList<>();
            for (String g : s.groups()) {
                keys.addAll(one(g, site.siteName, s.localDate().format(month)));
            }
            return keys;
        }, Measure.BW_PAGES, Measure.COLOR_PAGES, Measure.TOTAL_PAGES, Measure.SCANS);
        Map<List<Object>, List<Object>> actual = byKey(rows(d, manager), 3);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.keySet()).extracting(k -> k.get(2)).contains("2026-10", "2026-11");
    }

    @Test
    void withoutManageReportsAUserSeesOnlyTheirOwnRowsThroughMe() throws Exception {
        SessionUser plain = new SessionUser(site.loginUserId, site.loginUser, "Report User 01", Set.of());
        ReportDesign all = design("users-daily-summary");
        assertThatThrownBy(() -> runner.prepare(all, plain, NOW)).isInstanceOf(ReportAccessException.class);
        ReportDesign mine = all.withFilter(FilterKind.USER, ReportDesign.FilterValue.onlyMe());
        List<Object[]> rows = rows(mine, plain);
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r[0]).isEqualTo(site.loginUser));
        Map<List<Object>, List<Object>> expected = expected(sessionsInPeriod().stream().filter(s -> s.userName().equals(site.loginUser)).toList(),
                s -> one(s.userName(), site.siteName, s.fullName(), s.localDate()), Measure.BW_PAGES, Measure.COLOR_PAGES, Measure.TOTAL_PAGES,
                Measure.SCANS);
        assertThat(byKey(rows, 4)).isEqualTo(expected);
        // The same design run by a manager is theirs: "Me" is whoever runs it.
        long otherId = databases.mainJdbc().count("SELECT ID FROM USERS WHERE USERNAME = ?", site.users.get(1));
        SessionUser other = new SessionUser(otherId, site.users.get(1), "someone", Set.of(Right.MANAGE_REPORTS));
        assertThat(rows(mine, other)).isNotEmpty().allSatisfy(r -> assertThat(r[0]).isEqualTo(site.users.get(1)));
    }

    @Test
    void filtersAndExclusionsNarrowTheRows() throws Exception {
        ReportDesign d = design("users-total-summary").withFilter(FilterKind.USER_GROUP, ReportDesign.FilterValue.of(Long.toString(site.supportGroup)))
                .withExcludedUsers(List.of(site.users.get(9)));
        Set<Object> names = new HashSet<>();
        for (Object[] r : rows(d, manager)) {
            names.add(r[1]);
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(site.users.subList(7, 15).stream().filter(u -> !u.equals(site.users.get(9))).toList());
        ReportDesign unknown = design("users-total-summary").withFilter(FilterKind.PRINTER, ReportDesign.FilterValue.of("999999999"));
        assertThatThrownBy(() -> runner.prepare(unknown, manager, NOW)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsKey("filters.printer"));
    }

    @Test
    void eachSiteSaysUpToWhenItsDataIsLoaded() {
        // The simulator's batch k is made 5 s after its day: the last one loaded holds 2026-11-02.
        assertThat(freshness.of(List.of(site.siteId))).containsExactly(new SiteFreshness(site.siteName, Instant.parse("2026-11-03T00:00:05Z")));

        long other = newSite("rr-fresh-" + System.nanoTime());
        long undated = newSite("rr-undated-" + System.nanoTime());
        try {
            assertThat(freshness.of(List.of(other))).extracting(SiteFreshness::loadedUpTo).containsOnlyNulls();
            batch(other, "loaded", "LOADED", Instant.parse("2026-11-01T00:00:05Z"));
            batch(other, "waiting", "DOWNLOADED", Instant.parse("2026-11-05T00:00:05Z"));
            batch(other, "broken", "FAILED", Instant.parse("2026-11-06T00:00:05Z"));
            assertThat(freshness.of(List.of(other))).extracting(SiteFreshness::loadedUpTo).containsExactly(Instant.parse("2026-11-01T00:00:05Z"));

            batch(undated, "old", "LOADED", null);
            databases.mainJdbc().update("INSERT INTO USER_SESSIONS (ID, SITE_ID, SITE_RECORD_ID, USER_NAME, STARTED_AT) VALUES (?, ?, ?, ?, ?)",
                    databases.newId(), undated, "s-1", "nobody", Instant.parse("2026-10-30T09:00:00Z"));
            assertThat(freshness.of(List.of(undated, other))).extracting(SiteFreshness::loadedUpTo).containsExactlyInAnyOrder(
                    Instant.parse("2026-10-30T09:00:00Z"), Instant.parse("2026-11-01T00:00:05Z"));
        } finally {
            // Payloads that point at no file must not reach the Sites tab's progress or a reload of other tests.
            for (long s : List.of(other, undated)) {
                databases.mainJdbc().update("DELETE FROM REPLICATION_BATCHES WHERE SITE_ID = ?", s);
                databases.mainJdbc().update("DELETE FROM USER_SESSIONS WHERE SITE_ID = ?", s);
                databases.mainJdbc().update("DELETE FROM SITES WHERE ID = ?", s);
            }
        }
    }

    long newSite(String name) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id,
                name, "10.1.1.1", 8093, false, false, "READY", Instant.now());
        return id;
    }

    void batch(long siteId, String key, String status, Instant created) {
        databases.mainJdbc().update("INSERT INTO REPLICATION_BATCHES (ID, SITE_ID, BATCH_KEY, FILE_PATH, STATUS, PAYLOAD_CREATED_AT, DOWNLOADED_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", databases.newId(), siteId, key, "/nowhere/" + key, status, created, Instant.now());
    }

    @Test
    void aRunWritesTheHeaderAndRowsThroughTheChosenWriter() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportDesign d = design("printers-top-n");
        ReportRunner.RunResult r = runner.run(d, manager, TestTsvWriter.FORMAT, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.extension()).isEqualTo("tsv");
        assertThat(text).contains("# Test printers-top-n (Top N)", "# site " + site.siteName + " ", "# Site: " + site.siteName,
                "# Period: 2026-10-20 - 2026-11-02", "# Page counter: Total pages", "site\tprinterName\tbwPages");
        assertThat(text.lines().filter(l -> !l.startsWith("#")).count()).isEqualTo(7);
        assertThatThrownBy(() -> runner.run(d, manager, "nope", new ByteArrayOutputStream())).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsKey("format"));
    }

    /** The standard writers are wired in: the same report as CSV and as PDF, read back. */
    @Test
    void aRunWritesCsvAndPdfThroughTheStandardWriters() throws Exception {
        ReportDesign d = design("printers-top-n");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ReportRunner.RunResult r = runner.run(d, manager, "csv", csv);
        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.extension()).isEqualTo("csv");
        assertThat(csv.toString(StandardCharsets.UTF_8)).contains(site.siteName);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        assertThat(runner.run(d, manager, "pdf", pdf).rows()).isEqualTo(6);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toByteArray())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains(site.siteName);
        }
    }

    @Test
    void theRowSourceStreamsOnOneConnectionAndGivesItBack() throws Exception {
        ReportQuery q = runner.prepare(design("users-session-details"), manager, NOW).query();
        List<Connection> opened = new ArrayList<>();
        DataSource counting = recording(databases.mainJdbc().dataSource(), opened);
        long n = 0;
        try (JdbcRowSource source = JdbcRowSource.open(counting, q)) {
            assertThat(opened).hasSize(1);
            assertThat(opened.get(0).getAutoCommit()).isFalse();
            while (source.next() != null) {
                n++;
            }
            assertThat(opened.get(0).isClosed()).as("given back at the last row").isTrue();
        }
        assertThat(n).isGreaterThan(JdbcRowSource.FETCH_SIZE);
        try (JdbcRowSource source = JdbcRowSource.open(counting, q)) {
            assertThat(source.next()).isNotNull();
        }
        assertThat(opened).hasSize(2);
        assertThat(opened.get(1).isClosed()).as("given back on close, mid-way").isTrue();
    }

    /** A data source that remembers the connections it handed out. */
    static DataSource recording(DataSource ds, List<Connection> opened) {
        return (DataSource) Proxy.newProxyInstance(ReportRunTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
            Object r = m.invoke(ds, args);
            if (m.getName().equals("getConnection")) {
                opened.add((Connection) r);
            }
            return r;
        });
    }
}
