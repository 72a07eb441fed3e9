package org.ream.central.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.load.PayloadLoader;
import org.ream.central.replication.load.ReplicationBatches;
import org.ream.central.settings.SettingsStore;

/** POST /api/reports/preview: the designer's first rows, summary and chart, and its refusals. */
@QuarkusTest
class ReportPreviewApiTest {

    @Inject
    Databases databases;

    @Inject
    ReplicationBatches batches;

    @Inject
    PayloadLoader loader;

    @Inject
    SettingsStore settings;

    ReportTestSite site;

    @BeforeEach
    void loadSite() throws Exception {
        site = ReportTestSite.load(databases, batches, loader);
    }

    String topColourUsers(int n) {
        return """
                type: users-top-n
                name: Top colour users
                filters:
                  site: {values: ["%d"]}
                parameters:
                  period: 2026-10-20..2026-11-02
                  pageCounter: colorPages
                  n: %d
                  addRemainingSum: true
                columns: [site, userName, {column: colorPages, summary: sum}, {column: totalPages, summary: average}]
                chart: {kind: bar, series: [{column: pageCounter, colour: "#ff7f0e"}]}
                """.formatted(site.siteId, n);
    }

    static ValidatableResponse post(String cookie, String contentType, String body, String query) {
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/reports/preview" + query).then();
    }

    /** The site's sessions on the days given, in the server's time zone, as the report cuts them. */
    List<ReportTestSite.Session> sessions(LocalDate first, LocalDate last) {
        return site.sessions(databases).stream().filter(s -> {
            LocalDate d = s.startedAt().atZone(settings.timeZone()).toLocalDate();
            return !d.isBefore(first) && !d.isAfter(last);
        }).toList();
    }

    @Test
    void aManagerPreviewsRowsSummaryAndChartOfAYamlDesign() {
        JsonPath json = post(TestAccounts.admin(), "application/yaml", topColourUsers(3), "").statusCode(200).extract().jsonPath();
        assertThat(json.getList("columns.id", String.class)).containsExactly("site", "userName", "colorPages", "totalPages");
        assertThat(json.getString("type.id")).isEqualTo("users-top-n");
        assertThat(json.getList("rows")).hasSize(4);
        assertThat(json.getString("rows[3][0]")).isEqualTo("Remaining sum");
        List<ReportTestSite.Session> sessions = sessions(ReportTestSite.FIRST, ReportTestSite.LAST);
        long colour = sessions.stream().mapToLong(s -> s.counters().colorPages()).sum();
        long total = sessions.stream().mapToLong(s -> s.counters().totalPages()).sum();
        assertThat(json.getLong("summary.colorPages")).isEqualTo(colour);
        assertThat(json.getDouble("summary.totalPages")).isCloseTo(total / 4.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(json.getLong("rowCount")).isEqualTo(4);
        assertThat(json.getBoolean("truncated")).isFalse();
        assertThat(json.getString("chart.kind")).isEqualTo("bar");
        assertThat(json.getList("chart.categories")).hasSize(4).last().isEqualTo("Remaining sum");
        assertThat(json.getList("chart.series[0].values", Long.class)).isEqualTo(json.getList("rows.collect { it[2] }", Long.class));
        assertThat(json.getString("chart.series[0].colour")).isEqualTo("#ff7f0e");
        assertThat(json.getList("sites.site")).containsExactly(site.siteName);
        assertThat(json.getString("sites[0].loadedUpTo")).isEqualTo("2026-11-03T00:00:05Z");
        assertThat(json.getList("filters", String.class)).contains("Site: " + site.siteName, "N: 3");
    }

    @Test
    void aJsonDesignWithItsTypeApartIsPreviewedRowLimited() {
        Map<String, Object> design = Map.of("name", "Sessions", "filters", Map.of("site", List.of(Long.toString(site.siteId))),
                "parameters", Map.of("period", Map.of("from", "2026-10-20", "to", "2026-11-02")),
                "columns", List.of("userName", "printerName", "date", Map.of("column", "totalPages", "summary", "sum")));
        Map<String, Object> body = Map.of("design", design, "type", "users-session-details", "limit", 2);
        JsonPath json = given().cookie("REAM_SESSION", TestAccounts.admin()).header("X-Requested-With", "test").contentType("application/json")
                .body(body).post("/api/reports/preview").then().statusCode(200).extract().jsonPath();
        assertThat(json.getList("rows")).hasSize(2);
        assertThat(json.getBoolean("truncated")).isTrue();
        assertThat(json.getBoolean("listing")).isTrue();
        long printerJobs = databases.mainJdbc().count("SELECT COUNT(*) FROM PRINTER_JOBS WHERE SITE_ID = ? AND STARTED_AT >= ? AND STARTED_AT < ?",
                site.siteId, ReportTestSite.FIRST.atStartOfDay(settings.timeZone()).toInstant(),
                ReportTestSite.LAST.plusDays(1).atStartOfDay(settings.timeZone()).toInstant());
        assertThat(json.getLong("rowCount")).isEqualTo(printerJobs);
        assertThat(json.getString("rows[0][2]")).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        String admin = TestAccounts.admin();
        post(admin, "application/yaml", topColourUsers(3).replace("users-top-n", "users-top-m"), "").statusCode(400)
                .body("fields", hasKey("type")).body("error", containsString("users-top-m"));
        post(admin, "application/yaml", topColourUsers(3).replace("columns: [site,", "columns: [nope,"), "").statusCode(400)
                .body("fields", hasKey("columns[0]")).body("error", containsString("nope"));
        post(admin, "application/yaml", topColourUsers(3).replace("2026-10-20..2026-11-02", "2026-11-02..2026-10-20"), "").statusCode(400)
                .body("fields", hasKey("parameters.period")).body("error", containsString("before it starts"));
        post(admin, "application/yaml", topColourUsers(3), "?limit=0").statusCode(400).body("fields", hasKey("limit"));
        post(admin, "application/yaml", topColourUsers(3), "?type=users-daily-summary").statusCode(400).body("error", containsString("not users-daily-summary"));
        post(admin, "application/yaml", topColourUsers(3).replace("site: {values: [\"" + site.siteId + "\"]}", "site: {values: [\"Paris\"]}"), "")
                .statusCode(400).body("fields", hasKey("filters.site"));
        post(admin, "application/yaml", "", "").statusCode(400).body("fields", hasKey("design"));
        post(admin, "application/yaml", """
                type: credit-balance
                name: Credit
                columns: [userName]
                """, "").statusCode(400).body("error", containsString("not replicated"));
    }

    @Test
    void aUserWithoutManageReportsPreviewsOnlyTheirOwnData() {
        String cookie = TestAccounts.login(site.loginUser, TestAccounts.PASSWORD);
        String all = """
                type: users-daily-summary
                name: Mine
                parameters: {period: 2026-10-20..2026-11-02}
                columns: [userName, date, {column: totalPages, summary: sum}]
                """;
        post(cookie, "application/yaml", all, "").statusCode(403).body("error", containsString("Me"));
        JsonPath json = post(cookie, "application/yaml", all + "filters: {user: me}\n", "").statusCode(200).extract().jsonPath();
        assertThat(json.getList("rows.collect { it[0] }")).isNotEmpty().containsOnly(site.loginUser);
        long mine = sessions(ReportTestSite.FIRST, ReportTestSite.LAST).stream().filter(s -> s.userName().equals(site.loginUser))
                .mapToLong(s -> s.counters().totalPages()).sum();
        assertThat(json.getLong("summary.totalPages")).isEqualTo(mine);
        post(cookie, "application/yaml", all.replace("users-daily-summary", "printers-top-n").replace("userName, date", "printerName"), "")
                .statusCode(400);
        given().cookie("REAM_SESSION", cookie).contentType("application/yaml").body(all.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/reports/preview").then().statusCode(403)
                .body("error", equalTo("Missing X-Requested-With header"));
    }
}
