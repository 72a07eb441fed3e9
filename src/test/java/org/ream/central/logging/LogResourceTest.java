package org.ream.central.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.firebirdsql.jdbc.FirebirdPreparedStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Dialect;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class LogResourceTest {

    @Inject
    SystemLog log;

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    String admin;
    /** A subsystem of this test only, so entries of other tests never get in the way. */
    String sub;

    @BeforeEach
    void setUp() {
        admin = TestAccounts.admin();
        sub = "T" + UUID.randomUUID().toString().substring(0, 12);
    }

    JsonPath list(String query) {
        return given().cookie("REAM_SESSION", admin).when().get("/api/log?subsystems=" + sub + (query.isEmpty() ? "" : "&" + query))
                .then().statusCode(200).extract().jsonPath();
    }

    JsonPath listText(String text) {
        return given().cookie("REAM_SESSION", admin).queryParam("subsystems", sub).queryParam("text", text).when().get("/api/log")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void newestFirstWithTypeContextAndTextFilters() {
        log.notice(sub, "System Health Check, id=63", "Executing scheduled task: System Health Check");
        log.warning(sub, null, "Disk space is getting low");
        log.error(sub, "Email creator", "Could not reach the SMTP server", "java.net.ConnectException: refused\n\tat x.y(Z.java:1)");
        log.info(sub, "Écran d'accueil", "100% done_ with [brackets]");
        log.flush();

        JsonPath all = list("");
        assertThat(all.getList("entries.text", String.class)).containsExactly("100% done_ with [brackets]", "Could not reach the SMTP server",
                "Disk space is getting low", "Executing scheduled task: System Health Check");
        assertThat(all.getList("entries.type", String.class)).containsExactly("info", "error", "warning", "notice");
        assertThat(all.getList("entries.hasDetails", Boolean.class)).containsExactly(false, true, false, false);
        assertThat(all.getList("entries.id", Long.class)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all.getBoolean("hasMore")).isFalse();
        assertThat(all.getString("nextBeforeId")).isNull();
        assertThat(all.getString("timeZone")).isEqualTo(settings.timeZone().getId());
        Instant at = Instant.parse(all.getString("entries[0].at"));
        assertThat(at).isBetween(Instant.now().minusSeconds(60), Instant.now());

        assertThat(list("types=error,WARNING").getList("entries.type", String.class)).containsExactly("error", "warning");
        assertThat(list("types=5").getList("entries.type", String.class)).containsExactly("notice");
        // The web UI with every type unticked.
        assertThat(list("types=NONE").getList("entries")).isEmpty();
        assertThat(list("types=CRITICAL,ERROR,WARNING,INFO,NOTICE,DEBUG,TRACE").getList("entries")).hasSize(4);
        assertThat(list("context=email").getList("entries.context", String.class)).containsExactly("Email creator");
        assertThat(list("context=health check, ID=6").getList("entries.context", String.class)).containsExactly("System Health Check, id=63");
        assertThat(list("context=écran").getList("entries.context", String.class)).containsExactly("Écran d'accueil");
        assertThat(list("text=smtp").getList("entries.text", String.class)).containsExactly("Could not reach the SMTP server");
        // Wildcards typed by the user are plain characters.
        assertThat(listText("0% done_").getList("entries.text", String.class)).containsExactly("100% done_ with [brackets]");
        assertThat(listText("%%").getList("entries")).isEmpty();
        assertThat(listText("0_ done").getList("entries")).isEmpty();
        assertThat(list("text=[brackets]").getList("entries")).hasSize(1);
    }

    @Test
    void detailsOfOneEntry() {
        log.error(sub, "Email creator", "Could not send", "stack\ntrace");
        log.flush();
        long id = list("").getLong("entries[0].id");
        given().cookie("REAM_SESSION", admin).when().get("/api/log/" + id).then().statusCode(200)
                .body("id", equalTo((int) id)).body("details", equalTo("stack\ntrace")).body("type", equalTo("error"))
                .body("subsystem", equalTo(sub)).body("highlighted", equalTo(false)).body("at", notNullValue());
        given().cookie("REAM_SESSION", admin).when().get("/api/log/999999999999").then().statusCode(404).body("error", containsString("No log entry"));
    }

    @Test
    void pagesBackwardsByBeforeId() {
        for (int i = 1; i <= 5; i++) {
            log.notice(sub, null, "line " + i);
        }
        log.flush();
        JsonPath p1 = list("limit=2");
        assertThat(p1.getList("entries.text", String.class)).containsExactly("line 5", "line 4");
        assertThat(p1.getBoolean("hasMore")).isTrue();
        JsonPath p2 = list("limit=2&beforeId=" + p1.getLong("nextBeforeId"));
        assertThat(p2.getList("entries.text", String.class)).containsExactly("line 3", "line 2");
        assertThat(p2.getString("nextAfterId")).isNull();
        JsonPath p3 = list("limit=2&beforeId=" + p2.getLong("nextBeforeId"));
        assertThat(p3.getList("entries.text", String.class)).containsExactly("line 1");
        assertThat(p3.getBoolean("hasMore")).isFalse();
        assertThat(p3.getString("nextBeforeId")).isNull();
    }

    @Test
    void liveViewGetsOnlyNewerEntriesOldestFirst() {
        log.notice(sub, null, "before");
        log.flush();
        JsonPath first = list("");
        long cursor = first.getLong("nextAfterId");
        assertThat(cursor).isGreaterThanOrEqualTo(first.getLong("entries[0].id"));

        log.notice(sub, null, "new 1");
        log.notice("Other" + sub, null, "not for this view");
        log.warning(sub, null, "new 2");
        log.flush();
        JsonPath live = list("afterId=" + cursor);
        assertThat(live.getList("entries.text", String.class)).containsExactly("new 1", "new 2");
        assertThat(live.getBoolean("hasMore")).isFalse();
        long next = live.getLong("nextAfterId");
        assertThat(next).isGreaterThan(cursor);

        JsonPath quiet = list("afterId=" + next);
        assertThat(quiet.getList("entries")).isEmpty();
        assertThat(quiet.getLong("nextAfterId")).isGreaterThanOrEqualTo(next);

        // A burst larger than the limit comes in pieces, without gaps.
        for (int i = 0; i < 5; i++) {
            log.info(sub, null, "burst " + i);
        }
        log.flush();
        JsonPath b1 = list("limit=3&afterId=" + quiet.getLong("nextAfterId"));
        assertThat(b1.getList("entries.text", String.class)).containsExactly("burst 0", "burst 1", "burst 2");
        assertThat(b1.getBoolean("hasMore")).isTrue();
        JsonPath b2 = list("limit=3&afterId=" + b1.getLong("nextAfterId"));
        assertThat(b2.getList("entries.text", String.class)).containsExactly("burst 3", "burst 4");
    }

    @Test
    void periodsAndBoundsUseTheConfiguredTimeZone() {
        log.notice(sub, null, "now");
        log.flush();
        // An entry from three days ago, as the history would hold it.
        ZonedDateTime threeDaysAgo = ZonedDateTime.now(settings.timeZone()).minusDays(3).withHour(12).withMinute(0);
        databases.logJdbc().update("INSERT INTO LOG_ENTRIES (ID, CREATED_AT, SEVERITY, SUBSYSTEM, MSG_TEXT) VALUES (?, ?, ?, ?, ?)",
                databases.newLogId(), threeDaysAgo.toInstant(), Severity.NOTICE.code, sub, "three days ago");

        assertThat(list("period=today").getList("entries.text", String.class)).containsExactly("now");
        assertThat(list("period=lastHours:2").getList("entries.text", String.class)).containsExactly("now");
        assertThat(list("period=yesterday").getList("entries")).isEmpty();
        assertThat(list("period=lastDays:4").getList("entries.text", String.class)).contains("now", "three days ago");
        String day = threeDaysAgo.toLocalDate().toString();
        assertThat(list("from=" + day + "&to=" + day).getList("entries.text", String.class)).containsExactly("three days ago");
        JsonPath today = list("period=today");
        assertThat(Instant.parse(today.getString("from"))).isEqualTo(LocalDateTime.now(settings.timeZone()).toLocalDate().atStartOfDay(settings.timeZone()).toInstant());

        given().cookie("REAM_SESSION", admin).when().get("/api/log?period=nextWeek").then().statusCode(400)
                .body("fields.period", containsString("unknown period"));
        given().cookie("REAM_SESSION", admin).when().get("/api/log?types=fatal").then().statusCode(400).body("fields.types", notNullValue());
        given().cookie("REAM_SESSION", admin).when().get("/api/log?limit=5000").then().statusCode(400).body("fields.limit", notNullValue());
        given().cookie("REAM_SESSION", admin).when().get("/api/log?afterId=1&beforeId=2").then().statusCode(400);
    }

    @Test
    void subsystemsForTheFilter() {
        // Names that share a prefix, and many lines of one of them: none may be skipped or repeated.
        for (int i = 0; i < 50; i++) {
            log.notice(sub, null, "x" + i);
        }
        log.notice(sub + " UI", null, "x");
        log.notice(sub + "UI", null, "x");
        log.notice(sub + "!", null, "x");
        log.flush();
        List<String> subsystems = given().cookie("REAM_SESSION", admin).when().get("/api/log/subsystems").then().statusCode(200)
                .extract().jsonPath().getList("$", String.class);
        assertThat(subsystems).contains(sub, sub + " UI", sub + "UI", sub + "!", "WebUI").doesNotHaveDuplicates();
        assertThat(subsystems).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void highlightingBelongsToEachUser() {
        String viewer = TestAccounts.user(databases, "viewer", Right.VIEW_LOG);
        String viewerSession = TestAccounts.login(viewer, TestAccounts.PASSWORD);
        log.notice(sub, null, "first");
        log.notice(sub, null, "second");
        log.flush();
        List<Long> ids = list("").getList("entries.id", Long.class);
        long second = ids.get(0);
        long first = ids.get(1);

        given().cookie("REAM_SESSION", admin).when().put("/api/log/" + second + "/highlight").then().statusCode(403);
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").when().put("/api/log/" + second + "/highlight")
                .then().statusCode(200).body("highlighted", equalTo(true));
        // Twice is fine.
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").when().put("/api/log/" + second + "/highlight").then().statusCode(200);
        // As the web UI sends it: with an empty JSON body.
        given().cookie("REAM_SESSION", viewerSession).header("X-Requested-With", "test").contentType(ContentType.JSON).body("{}")
                .when().put("/api/log/" + first + "/highlight").then().statusCode(200);
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").when().put("/api/log/999999999999/highlight").then().statusCode(404);

        assertThat(list("").getList("entries.highlighted", Boolean.class)).containsExactly(true, false);
        List<Boolean> seenByViewer = given().cookie("REAM_SESSION", viewerSession).when().get("/api/log?subsystems=" + sub).then().statusCode(200)
                .extract().jsonPath().getList("entries.highlighted", Boolean.class);
        assertThat(seenByViewer).containsExactly(false, true);
        given().cookie("REAM_SESSION", admin).when().get("/api/log/" + second).then().body("highlighted", equalTo(true));

        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").when().delete("/api/log/" + second + "/highlight")
                .then().statusCode(200).body("highlighted", equalTo(false));
        assertThat(list("").getList("entries.highlighted", Boolean.class)).containsExactly(false, false);

        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").when().put("/api/log/" + first + "/highlight").then().statusCode(200);
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").when().delete("/api/log/highlights").then().statusCode(200)
                .body("removed", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        assertThat(list("").getList("entries.highlighted", Boolean.class)).containsExactly(false, false);
        // The viewer's own highlight survives the administrator's "remove highlighting".
        assertThat(given().cookie("REAM_SESSION", viewerSession).when().get("/api/log?subsystems=" + sub).then().extract().jsonPath()
                .getList("entries.highlighted", Boolean.class)).containsExactly(false, true);
    }

    @Test
    void theLogNeedsTheViewLogRight() {
        String plain = TestAccounts.user(databases, "plain");
        String session = TestAccounts.login(plain, TestAccounts.PASSWORD);
        given().cookie("REAM_SESSION", session).when().get("/api/log").then().statusCode(403).body("error", containsString("VIEW_LOG"));
        given().cookie("REAM_SESSION", session).when().get("/api/log/subsystems").then().statusCode(403);
        given().cookie("REAM_SESSION", session).when().get("/api/log/export?format=csv").then().statusCode(403);
        given().cookie("REAM_SESSION", session).header("X-Requested-With", "test").when().delete("/api/log/highlights").then().statusCode(403);
        given().when().get("/api/log").then().statusCode(401);
        String viewer = TestAccounts.user(databases, "viewer", Right.VIEW_LOG);
        String viewerSession = TestAccounts.login(viewer, TestAccounts.PASSWORD);
        given().cookie("REAM_SESSION", viewerSession).when().get("/api/log?limit=1").then().statusCode(200);
        given().cookie("REAM_SESSION", viewerSession).when().get("/api/audit").then().statusCode(403);
    }

    @Test
    void exportAsExcel() throws Exception {
        log.notice(sub, "Email creator", "first");
        log.error(sub, null, "=cmd|' /C calc'!A0", "details\nline 2");
        log.flush();
        Response r = given().cookie("REAM_SESSION", admin).when().get("/api/log/export?format=xlsx&subsystems=" + sub);
        r.then().statusCode(200).contentType(containsString("spreadsheetml"))
                .header("Content-Disposition", matchesPattern("attachment; filename=\"log_\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d\\.xlsx\""));
        List<Row> rows;
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.asByteArray())); Stream<Row> s = wb.getFirstSheet().openStream()) {
            rows = s.collect(Collectors.toList());
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getCellText(0)).startsWith("Time (");
        assertThat(rows.get(0).getCellText(4)).isEqualTo("Text");
        assertThat(rows.get(1).getCellText(1)).isEqualTo("Error");
        assertThat(rows.get(1).getCellText(4)).isEqualTo("=cmd|' /C calc'!A0");
        assertThat(rows.get(1).getCellText(5)).isEqualTo("details\nline 2");
        assertThat(rows.get(2).getCellText(3)).isEqualTo("Email creator");
        LocalDateTime shown = rows.get(2).getCellAsDate(0).orElseThrow();
        assertThat(shown).isBetween(LocalDateTime.now(settings.timeZone()).minusMinutes(2), LocalDateTime.now(settings.timeZone()));
    }

    @Test
    void exportAsCsvWithTheConfiguredDelimiter() throws Exception {
        log.warning(sub, "Ctx; with delimiter", "Müller said \"hi\"");
        log.notice(sub, null, "other");
        log.flush();
        byte[] csv = given().cookie("REAM_SESSION", admin).when().get("/api/log/export?format=csv&types=warning&subsystems=" + sub)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString(".csv")).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        char delimiter = settings.get("general.csvDelimiter").equals("TAB") ? '\t' : settings.get("general.csvDelimiter").charAt(0);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(new StringReader(text.substring(1))).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get(1)).isEqualTo("Warning");
        assertThat(records.get(1).get(3)).isEqualTo("Ctx; with delimiter");
        assertThat(records.get(1).get(4)).isEqualTo("Müller said \"hi\"");

        String before = settings.get("general.csvDelimiter");
        try {
            given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                    .body("{\"general.csvDelimiter\":\"TAB\"}").when().put("/api/settings/general").then().statusCode(200);
            String tabbed = new String(given().cookie("REAM_SESSION", admin).when().get("/api/log/export?format=csv&types=warning&subsystems=" + sub)
                    .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
            assertThat(tabbed.lines().findFirst().orElseThrow()).isEqualTo("\uFEFFTime (" + settings.timeZone().getId() + ")\tType\tSubsystem\tContext\tText\tDetails");
        } finally {
            given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                    .body("{\"general.csvDelimiter\":\"" + before + "\"}").when().put("/api/settings/general").then().statusCode(200);
        }
        given().cookie("REAM_SESSION", admin).when().get("/api/log/export?format=pdf").then().statusCode(400).body("fields.format", notNullValue());
    }

    @Test
    void switchingDebugMessagesIsAppliedAndNoted() {
        try {
            setDebug(true);
            assertThat(log.debugEnabled()).isTrue();
            log.debug(sub, null, "a debug line");
            log.flush();
            assertThat(list("types=debug").getList("entries.text", String.class)).containsExactly("a debug line");
            assertThat(latestNotice()).startsWith("Debug messages are now logged (switched by *admin)");
        } finally {
            setDebug(false);
        }
        assertThat(log.debugEnabled()).isFalse();
        log.debug(sub, null, "dropped");
        log.flush();
        assertThat(list("types=debug").getList("entries.text", String.class)).containsExactly("a debug line");
        assertThat(latestNotice()).isEqualTo("Debug messages are no longer logged (switched by *admin).");
    }

    void setDebug(boolean on) {
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body("{\"log.debug\":\"" + on + "\"}").when().put("/api/settings/log").then().statusCode(200);
    }

    String latestNotice() {
        log.flush();
        return given().cookie("REAM_SESSION", admin).when().get("/api/log?subsystems=Platform&context=Log settings&limit=1").then().statusCode(200)
                .extract().jsonPath().getString("entries[0].text");
    }

    @Test
    void newestFirstReadsTheDescendingIndexOnFirebird() throws Exception {
        if (databases.logDialect() != Dialect.FIREBIRD) {
            return;
        }
        LogQueries q = new LogQueries();
        q.databases = databases;
        LogFilter f = LogFilter.parse("today", null, null, "error", sub, null, null, ZonedDateTime.now(settings.timeZone()));
        SqlWhere w = q.where(f).add("ID < ?", Long.MAX_VALUE);
        try (Connection c = databases.log().getConnection();
                PreparedStatement ps = c.prepareStatement(LogQueries.COLUMNS + w.sql() + " ORDER BY ID DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")) {
            String plan = ps.unwrap(FirebirdPreparedStatement.class).getExecutionPlan();
            assertThat(plan).contains("ORDER IX_LOG_ENTRIES_ID_DESC");
        }
        try (Connection c = databases.log().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT MIN(SUBSYSTEM) FROM LOG_ENTRIES WHERE SUBSYSTEM >= ?")) {
            assertThat(ps.unwrap(FirebirdPreparedStatement.class).getExecutionPlan()).contains("IX_LOG_ENTRIES_SUBSYSTEM");
        }
    }
}
