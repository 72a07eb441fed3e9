package org.ream.central.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.firebirdsql.management.FBManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ream.central.persistence.DatabaseTarget;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Dialect;
import org.ream.central.persistence.Migrations;
import org.ream.central.persistence.PostgresServer;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.reporting.counting.Measure;
import org.ream.central.reporting.definition.ReportDesign;
import org.ream.central.reporting.definition.ReportType;
import org.ream.central.reporting.query.Designs;
import org.ream.central.reporting.query.ReportQuery;
import org.ream.central.reporting.query.ReportQueryBuilder;
import org.ream.central.reporting.query.RunContext;
import org.ream.central.security.Right;
import org.ream.central.security.SessionUser;

/**
 * Reports on PostgreSQL: the server runs on a fresh PostgreSQL database, the simulated site is
 * loaded there by the real loader, and reports of several types run there (PostgreSQL's SQL,
 * streamed with autocommit off). The same rows are then copied into an embedded Firebird
 * database and the same designs run there with Firebird's SQL: the numbers are the same.
 */
@QuarkusTest
@TestProfile(ReportsOnPostgresTest.OnPostgres.class)
@ExtendWith(PostgresServer.Required.class)
class ReportsOnPostgresTest {

    public static final class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.FreshDatabase.class, Map.of("prefix", "ream_it_reports")));
        }
    }

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 10, 12, 0, 0, 0, ReportTestSite.ZONE);
    static final List<String> TABLES = List.of("SITES", "USERS", "USER_GROUPS", "GROUP_MEMBERS", "SITE_SYNC_GROUPS", "SITE_RIGHTS", "PRINTERS",
            "PRINTER_GROUPS", "PRINTER_GROUP_MEMBERS", "PRICE_LISTS", "PROJECTS", "USER_SESSIONS", "PRINTER_JOBS", "JOBS", "PRINTER_EVENTS",
            "TONER_REPLACEMENTS", "REPLICATION_BATCHES");

    static Path firebirdDir;

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

    @AfterAll
    static void removeCopy() throws Exception {
        if (firebirdDir != null) {
            try (var files = Files.walk(firebirdDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void reportsOnPostgresGiveTheNumbersFirebirdGivesForTheSameLoadedData() throws Exception {
        assertThat(databases.mainDialect()).isEqualTo(Dialect.POSTGRESQL);
        ReportTestSite site = ReportTestSite.load(databases, batches, loader);
        SessionUser manager = new SessionUser(site.loginUserId, site.loginUser, "Report User 01", Set.of(Right.MANAGE_REPORTS));
        DataSource firebird = firebirdCopy();

        List<ReportDesign> designs = new ArrayList<>();
        for (String id : List.of("users-daily-summary", "users-top-n", "groups-monthly-summary", "printers-total-summary", "users-session-details",
                "general-day-of-week", "general-weekly-statistics", "alerts-toner-replacement", "print-jobs-expired-deleted-jobs")) {
            designs.add(Designs.defaultsOnSite(catalogues.catalogue().type(id), ReportTestSite.FIRST, ReportTestSite.LAST, site.siteId));
        }
        ReportDesign topColour = designs.get(1);
        designs.set(1, topColour.withParameters(topColour.parameters().withTopN(Measure.COLOR_PAGES, 4, true)));

        for (ReportDesign d : designs) {
            ReportRunner.Prepared onPostgres = runner.prepare(d, manager, NOW);
            List<List<Object>> pg = rows(runner.open(onPostgres.query()));
            ReportType type = onPostgres.type();
            ReportQuery fbQuery = new ReportQueryBuilder(catalogues.catalogue().dictionary()).build(type, d,
                    new RunContext(Dialect.FIREBIRD, NOW, DayOfWeek.MONDAY, onPostgres.context().viewer(), "en"));
            List<List<Object>> fb = rows(JdbcRowSource.open(firebird, fbQuery));
            assertThat(pg).as(type.id() + " has rows").isNotEmpty();
            if (d.parameters().n() != null) {
                assertThat(pg).as(type.id() + " ranks alike").isEqualTo(fb);
            } else {
                assertThat(pg).as(type.id() + " on PostgreSQL and Firebird").containsExactlyInAnyOrderElementsOf(fb);
            }
        }
    }

    @Test
    void onPostgresRowsStreamThroughACursorInsideATransaction() throws Exception {
        ReportTestSite site = ReportTestSite.load(databases, batches, loader);
        SessionUser manager = new SessionUser(site.loginUserId, site.loginUser, "Report User 01", Set.of(Right.MANAGE_REPORTS));
        ReportQuery q = runner.prepare(Designs.defaultsOnSite(catalogues.catalogue().type("users-session-details"), ReportTestSite.FIRST,
                ReportTestSite.LAST, site.siteId), manager, NOW).query();
        List<Connection> opened = new ArrayList<>();
        long n = 0;
        try (JdbcRowSource source = JdbcRowSource.open(ReportRunTest.recording(databases.mainJdbc().dataSource(), opened), q)) {
            // The driver fetches by the fetch size only with autocommit off; otherwise it reads the whole result at once.
            assertThat(opened.get(0).getAutoCommit()).isFalse();
            while (source.next() != null) {
                n++;
            }
        }
        assertThat(n).isGreaterThan(JdbcRowSource.FETCH_SIZE);
        assertThat(opened.get(0).isClosed()).isTrue();
        try (Connection c = databases.mainJdbc().dataSource().getConnection()) {
            assertThat(c.getAutoCommit()).as("pooled connections come back as they were lent").isTrue();
        }
    }

    /** Rows with decimals at one scale (the databases agree on values, not on trailing zeros). */
    static List<List<Object>> rows(JdbcRowSource source) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (source) {
            Object[] r;
            while ((r = source.next()) != null) {
                List<Object> row = new ArrayList<>(Arrays.asList(r));
                row.replaceAll(v -> v instanceof BigDecimal b ? b.setScale(4) : v);
                out.add(row);
            }
        }
        return out;
    }

    /** A new embedded Firebird database with the schema, holding a copy of every row reports read. */
    DataSource firebirdCopy() throws Exception {
        firebirdDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "reports-fb-");
        Path file = firebirdDir.resolve("copy.fdb");
        FBManager manager = new FBManager("EMBEDDED");
        manager.setPageSize(16384);
        manager.setDefaultCharacterSet("UTF8");
        manager.start();
        try {
            manager.createDatabase(file.toString(), "SYSDBA", "masterkey");
        } finally {
            manager.stop();
        }
        DatabaseTarget target = new DatabaseTarget("main", "jdbc:firebird:embedded:" + file, "SYSDBA", "masterkey", Optional.of(file));
        DataSource fb = org.ream.central.persistence.TestDatabases.dataSource(target);
        Migrations.apply(fb, target, "db/main-changelog.yaml", "main");
        try (Connection from = databases.mainJdbc().dataSource().getConnection(); Connection to = fb.getConnection()) {
            to.setAutoCommit(false);
            for (String table : TABLES) {
                copy(from, to, table);
            }
            to.commit();
        }
        return fb;
    }

    static void copy(Connection from, Connection to, String table) throws SQLException {
        try (PreparedStatement read = from.prepareStatement("SELECT * FROM " + table); ResultSet rs = read.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i).toUpperCase(java.util.Locale.ROOT));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList())
                    + ")";
            try (PreparedStatement write = to.prepareStatement(insert)) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        write.setObject(i, rs.getObject(i));
                    }
                    write.addBatch();
                }
                write.executeBatch();
            }
        }
    }
}
