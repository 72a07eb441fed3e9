package org.ream.central.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class AuditResourceTest {

    @Inject
    AuditLog audit;

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    String admin;
    Actor adminActor;
    /** A subsystem of this test only. */
    String sub;

    @BeforeEach
    void setUp() {
        admin = TestAccounts.admin();
        adminActor = new Actor(TestAccounts.userId(databases, "*admin"), "*admin", "Administrator");
        sub = "A" + UUID.randomUUID().toString().substring(0, 12);
    }

    JsonPath list(String query) {
        return given().cookie("REAM_SESSION", admin).when().get("/api/audit?subsystem=" + sub + (query.isEmpty() ? "" : "&" + query))
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void changesNewestFirstWithWhoAndWhat() {
        audit.record(adminActor, sub, "SETTINGS_CHANGED", "Settings were changed.", "general", "general.csvDelimiter: ';' -> ','");
        audit.record(Actor.SYSTEM, sub, "GROUP_EDITED", "Group All users was edited.", null, null);

        JsonPath page = list("");
        assertThat(page.getList("entries.description", String.class)).containsExactly("Group All users was edited.", "Settings were changed.");
        assertThat(page.getList("entries.user", String.class)).containsExactly("*system", "Administrator *admin");
        assertThat(page.getList("entries.eventType", String.class)).containsExactly("GROUP_EDITED", "SETTINGS_CHANGED");
        assertThat(page.getList("entries.hasDetails", Boolean.class)).containsExactly(false, true);
        assertThat(page.getString("entries[0].userId")).isNull();
        assertThat(page.getLong("entries[1].userId")).isEqualTo(adminActor.userId());
        assertThat(page.getString("entries[1].userName")).isEqualTo("*admin");
        assertThat(page.getString("entries[1].context")).isEqualTo("general");
        assertThat(Instant.parse(page.getString("entries[0].at"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(page.getString("timeZone")).isEqualTo(settings.timeZone().getId());

        long id = page.getLong("entries[1].id");
        given().cookie("REAM_SESSION", admin).when().get("/api/audit/" + id).then().statusCode(200)
                .body("details", equalTo("general.csvDelimiter: ';' -> ','")).body("user", equalTo("Administrator *admin"))
                .body("description", equalTo("Settings were changed."));
        given().cookie("REAM_SESSION", admin).when().get("/api/audit/999999999999").then().statusCode(404);
    }

    @Test
    void filtersByUserEventTypeAndPeriod() {
        audit.record(adminActor, sub, "SETTINGS_CHANGED", "Settings were changed.", "log", null);
        audit.record(Actor.SYSTEM, sub, "GROUP_EDITED", "Group Finance was edited.", null, null);
        audit.record(new Actor(0, "jdoe", "John Doe"), sub, "PASSWORD_CHANGED", "Password of jdoe was changed.", "jdoe", null);

        assertThat(list("user=ADMIN").getList("entries.eventType", String.class)).containsExactly("SETTINGS_CHANGED");
        assertThat(list("userId=" + adminActor.userId()).getList("entries.eventType", String.class)).containsExactly("SETTINGS_CHANGED");
        assertThat(list("eventType=GROUP_EDITED,PASSWORD_CHANGED").getList("entries.eventType", String.class))
                .containsExactly("PASSWORD_CHANGED", "GROUP_EDITED");
        assertThat(list("text=finance").getList("entries.description", String.class)).containsExactly("Group Finance was edited.");
        assertThat(list("period=today").getList("entries")).hasSize(3);
        assertThat(list("period=lastHours:1").getList("entries")).hasSize(3);
        assertThat(list("period=yesterday").getList("entries")).isEmpty();
        String tomorrow = ZonedDateTime.now(settings.timeZone()).toLocalDate().plusDays(1).toString();
        assertThat(list("from=" + tomorrow).getList("entries")).isEmpty();
        given().cookie("REAM_SESSION", admin).when().get("/api/audit?period=lastWeeks:0").then().statusCode(400).body("fields.period", notNullValue());
    }

    @Test
    void pagesBackwards() {
        for (int i = 1; i <= 3; i++) {
            audit.record(adminActor, sub, "SETTINGS_CHANGED", "change " + i, null, null);
        }
        JsonPath p1 = list("limit=2");
        assertThat(p1.getList("entries.description", String.class)).containsExactly("change 3", "change 2");
        assertThat(p1.getBoolean("hasMore")).isTrue();
        JsonPath p2 = list("limit=2&beforeId=" + p1.getLong("nextBeforeId"));
        assertThat(p2.getList("entries.description", String.class)).containsExactly("change 1");
        assertThat(p2.getBoolean("hasMore")).isFalse();
        assertThat(p2.getString("nextBeforeId")).isNull();
    }

    @Test
    void aSettingsSaveShowsUpWithItsAuthor() {
        String before = settings.get("log.retentionDays");
        String changed = before.equals("31") ? "32" : "31";
        try {
            given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                    .body("{\"log.retentionDays\":\"" + changed + "\"}").when().put("/api/settings/log").then().statusCode(200);
            JsonPath page = given().cookie("REAM_SESSION", admin).when().get("/api/audit?eventType=SETTINGS_CHANGED&limit=1").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(page.getString("entries[0].user")).isEqualTo("Administrator *admin");
            given().cookie("REAM_SESSION", admin).when().get("/api/audit/" + page.getLong("entries[0].id")).then()
                    .body("details", containsString("log.retentionDays: '" + before + "' -> '" + changed + "'"));
        } finally {
            given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                    .body("{\"log.retentionDays\":\"" + before + "\"}").when().put("/api/settings/log").then().statusCode(200);
        }
    }

    @Test
    void listsForTheFilters() {
        String type = "EVT_" + sub.toUpperCase();
        audit.record(adminActor, sub, type, "x", null, null);
        audit.record(adminActor, sub, type, "y", null, null);
        audit.record(adminActor, sub + " B", type + "_B", "z", null, null);
        List<String> types = given().cookie("REAM_SESSION", admin).when().get("/api/audit/event-types").then().statusCode(200)
                .extract().jsonPath().getList("$", String.class);
        assertThat(types).contains(type, type + "_B", "SETTINGS_CHANGED").doesNotHaveDuplicates();
        List<String> subsystems = given().cookie("REAM_SESSION", admin).when().get("/api/audit/subsystems").then().statusCode(200)
                .extract().jsonPath().getList("$", String.class);
        assertThat(subsystems).contains(sub, sub + " B").doesNotHaveDuplicates();
    }

    @Test
    void newestFirstReadsTheDescendingIndexOnFirebird() throws Exception {
        if (databases.mainDialect() != org.ream.central.persistence.Dialect.FIREBIRD) {
            return;
        }
        try (java.sql.Connection c = databases.main().getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement("SELECT ID FROM AUDIT_LOG WHERE SUBSYSTEM = ? AND ID < ? ORDER BY ID DESC"
                        + " OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")) {
            assertThat(ps.unwrap(org.firebirdsql.jdbc.FirebirdPreparedStatement.class).getExecutionPlan()).contains("ORDER IX_AUDIT_LOG_ID_DESC");
        }
    }

    @Test
    void onlyAdministratorsSeeTheAuditLog() {
        String manager = TestAccounts.user(databases, "manager", Right.MANAGE_SETTINGS, Right.VIEW_LOG);
        String session = TestAccounts.login(manager, TestAccounts.PASSWORD);
        given().cookie("REAM_SESSION", session).when().get("/api/audit").then().statusCode(403).body("error", containsString("ADMINISTRATOR"));
        given().cookie("REAM_SESSION", session).when().get("/api/audit/event-types").then().statusCode(403);
        given().cookie("REAM_SESSION", session).when().get("/api/audit/export").then().statusCode(403);
        String other = TestAccounts.user(databases, "admin2", Right.ADMINISTRATOR);
        given().cookie("REAM_SESSION", TestAccounts.login(other, TestAccounts.PASSWORD)).when().get("/api/audit?limit=1").then().statusCode(200);
    }

    @Test
    void exportAsExcelAndCsv() throws Exception {
        audit.record(adminActor, sub, "SETTINGS_CHANGED", "Settings were changed.", "general", "a: '1' -> '2'");
        audit.record(new Actor(0, "=evil", null), sub, "USER_EDITED", "User x was edited.", null, null);

        var r = given().cookie("REAM_SESSION", admin).when().get("/api/audit/export?format=xlsx&subsystem=" + sub);
        r.then().statusCode(200).header("Content-Disposition", matchesPattern("attachment; filename=\"audit_log_[0-9_-]+\\.xlsx\""));
        List<Row> rows;
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.asByteArray())); Stream<Row> s = wb.getFirstSheet().openStream()) {
            rows = s.collect(Collectors.toList());
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getCellText(1)).isEqualTo("Description");
        assertThat(rows.get(1).getCellText(3)).isEqualTo("=evil");
        assertThat(rows.get(2).getCellText(3)).isEqualTo("Administrator *admin");
        assertThat(rows.get(2).getCellText(6)).isEqualTo("a: '1' -> '2'");
        assertThat(rows.get(2).getCellAsDate(0)).isPresent();

        byte[] csv = given().cookie("REAM_SESSION", admin).when().get("/api/audit/export?format=csv&subsystem=" + sub).then().statusCode(200)
                .header("Content-Disposition", containsString("audit_log_")).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        String d = settings.get("general.csvDelimiter");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(d.equals("TAB") ? '\t' : d.charAt(0)).get()
                .parse(new StringReader(text.substring(1))).getRecords();
        assertThat(records).hasSize(3);
        assertThat(records.get(1).get(3)).isEqualTo("'=evil");
        assertThat(records.get(2).get(5)).isEqualTo("SETTINGS_CHANGED");
    }

    @Test
    void detailsOfAServerChangeHaveNoUserId() {
        audit.record(Actor.SYSTEM, sub, "SCHEDULE_EDITED", "Schedule was edited.", null, "x");
        long id = list("").getLong("entries[0].id");
        given().cookie("REAM_SESSION", admin).when().get("/api/audit/" + id).then().statusCode(200).body("userId", nullValue())
                .body("user", equalTo("*system"));
    }
}
