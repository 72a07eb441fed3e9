package org.ream.central.scheduling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.SystemLog;
import org.ream.central.mail.Mail;
import org.ream.central.persistence.Databases;
import org.ream.central.scheduling.tasks.DataDir;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class ScheduleApiTest {

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    SystemLog systemLog;

    @Inject
    DataDir dataDir;

    RecordingMailQueue mail;

    @BeforeEach
    void recordMail() {
        mail = new RecordingMailQueue();
        QuarkusMock.installMockForType(mail, org.ream.central.mail.MailQueue.class);
    }

    private long countSchedules() {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM SCHEDULES");
    }

    private long audits(String eventType, String context) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE SUBSYSTEM = 'Scheduler' AND EVENT_TYPE = ? AND AUDIT_CONTEXT = ?",
                eventType, context);
    }

    private JsonPath awaitRunFinished(long scheduleId, long runId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String status = Api.admin().get("/api/schedules/" + scheduleId + "/runs/" + runId).then().statusCode(200)
                    .extract().path("status");
            return !status.equals("QUEUED") && !status.equals("RUNNING");
        });
        return Api.admin().get("/api/schedules/" + scheduleId + "/runs/" + runId).then().extract().jsonPath();
    }

    private long create(String body) {
        return Api.admin().body(body).post("/api/schedules").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void theSevenBuiltInSchedulesOfTheManualAreListed() {
        JsonPath list = Api.admin().get("/api/schedules").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> builtIns = list.getList("findAll { it.builtin }");
        assertThat(builtIns).extracting(m -> m.get("name")).containsExactly("System Health Check", "History deletion",
                "Data replication from sites", "System maintenance", "Database and settings backup", "Log backup", "User Synchronization");
        assertThat(builtIns).extracting(m -> m.get("repetitionLabel")).containsExactly("Minute", "Daily", "Daily", "Daily", "Daily", "Daily", "Daily");
        assertThat(builtIns).extracting(m -> m.get("enabled")).containsExactly(true, true, true, true, true, false, false);
        assertThat(builtIns).extracting(m -> m.get("taskLabel")).containsExactly("System Health Check", "History deletion",
                "Data replication from sites", "System maintenance", "Schedule Backup", "Schedule Backup", "User Synchronization");
        // Disabled ones show no next run ("-" in the manual's list).
        assertThat(builtIns.get(5).get("nextRunAt")).isNull();
        assertThat(builtIns.get(0).get("nextRunAt")).isNotNull();
    }

    @Test
    void needsALoginAndTheSettingsRight() {
        given().when().get("/api/schedules").then().statusCode(401);
    }

    @Test
    void taskTypesTellWhichCanBeAdded() {
        Api.admin().get("/api/schedules/tasks").then().statusCode(200)
                .body("find { it.key == 'auditExport' }.addable", equalTo(true))
                .body("find { it.key == 'historyDeletion' }.addable", equalTo(false))
                .body("find { it.key == 'replication' }.available", equalTo(true))
                .body("find { it.key == 'userSync' }.addable", equalTo(true))
                .body("find { it.key == 'healthCheck' }.available", equalTo(true));
    }

    @Test
    void createIsValidatedAndAudited() {
        long id = create("{\"task\":\"auditExport\",\"name\":\"Weekly audit export\",\"repetition\":\"WEEKLY\","
                + "\"weekdays\":[\"monday\",\"FRIDAY\"],\"hours\":\"6 am; 18:30\",\"notifyTo\":[\"ops@example.org\"]}");
        Api.admin().get("/api/schedules/" + id).then().statusCode(200)
                .body("task", equalTo("auditExport"))
                .body("taskLabel", equalTo("Audit Log Export"))
                .body("builtin", equalTo(false))
                .body("enabled", equalTo(true))
                .body("weekdays", equalTo(List.of("MONDAY", "FRIDAY")))
                .body("hours", equalTo("06:00, 18:30"))
                .body("notifyTo", equalTo(List.of("ops@example.org")))
                .body("nextRunAt", notNullValue())
                .body("upcoming.size()", equalTo(3));
        assertThat(audits("SCHEDULE_CREATED", "Weekly audit export")).isEqualTo(1);
    }

    @Test
    void everyRepetitionIsStoredAndReadBack() {
        record Case(String body, String repetition, int interval, List<String> weekdays, Integer dayOfMonth, String hours, String anchorDate) {
        }
        List<Case> cases = List.of(
                new Case("\"repetition\":\"MINUTE\",\"interval\":5", "MINUTE", 5, List.of(), null, "", null),
                new Case("\"repetition\":\"Hourly\",\"interval\":2", "HOURLY", 2, List.of(), null, "", null),
                new Case("\"repetition\":\"DAILY\",\"hours\":\"3, 2 pm\"", "DAILY", 1, List.of(), null, "03:00, 14:00", null),
                new Case("\"repetition\":\"WEEKLY\",\"weekdays\":[\"SUNDAY\",\"MONDAY\"],\"hours\":\"8\"", "WEEKLY", 1,
                        List.of("MONDAY", "SUNDAY"), null, "08:00", null),
                new Case("\"repetition\":\"MONTHLY\",\"dayOfMonth\":31,\"hours\":\"6:15\"", "MONTHLY", 1, List.of(), 31, "06:15", null),
                new Case("\"repetition\":\"Every N-th day\",\"interval\":3,\"anchorDate\":\"2024-01-01\",\"hours\":\"7 pm\"",
                        "EVERY_NTH_DAY", 3, List.of(), null, "19:00", "2024-01-01"));
        int n = 0;
        List<Long> ids = new java.util.ArrayList<>();
        for (Case c : cases) {
            long id = create("{\"task\":\"auditExport\",\"name\":\"Repetition " + (n++) + "\"," + c.body() + "}");
            ids.add(id);
            JsonPath got = Api.admin().get("/api/schedules/" + id).then().statusCode(200).extract().jsonPath();
            assertThat(got.getString("repetition")).isEqualTo(c.repetition());
            assertThat(got.getInt("interval")).isEqualTo(c.interval());
            assertThat(got.getList("weekdays", String.class)).isEqualTo(c.weekdays());
            assertThat((Integer) got.get("dayOfMonth")).isEqualTo(c.dayOfMonth());
            assertThat(got.getString("hours")).isEqualTo(c.hours());
            assertThat(got.getString("anchorDate")).isEqualTo(c.anchorDate());
            assertThat(Instant.parse(got.getString("nextRunAt"))).isAfter(Instant.now().minusSeconds(60));
            assertThat(got.getList("upcoming")).hasSize(3);
        }
        // The list reads every stored timing back too.
        Api.admin().get("/api/schedules").then().statusCode(200).body("find { it.name == 'Repetition 4' }.repetitionLabel", equalTo("Monthly"));
        for (long id : ids) {
            Api.admin().delete("/api/schedules/" + id).then().statusCode(204);
        }
    }

    @Test
    void invalidInputNamesTheFieldAndSavesNothing() {
        long before = countSchedules();
        Api.admin().body("{\"task\":\"auditExport\",\"name\":\"Bad hours\",\"repetition\":\"DAILY\",\"hours\":\"25:00\"}")
                .post("/api/schedules").then().statusCode(400)
                .body("fields.hours", containsString("Hours of run"));
        Api.admin().body("{\"task\":\"auditExport\",\"name\":\"No weekday\",\"repetition\":\"WEEKLY\",\"hours\":\"8\"}")
                .post("/api/schedules").then().statusCode(400)
                .body("fields.weekdays", containsString("weekday"));
        Api.admin().body("{\"task\":\"historyDeletion\",\"name\":\"Second purge\",\"repetition\":\"DAILY\",\"hours\":\"4\"}")
                .post("/api/schedules").then().statusCode(400)
                .body("fields.task", containsString("cannot be added"));
        Api.admin().body("{\"task\":\"auditExport\",\"name\":\"\",\"repetition\":\"MINUTE\",\"notifyTo\":[\"nobody-such\"]}")
                .post("/api/schedules").then().statusCode(400)
                .body("fields.name", containsString("required"))
                .body("fields.interval", containsString("required"))
                .body("fields.notifyTo", containsString("nobody-such"));
        assertThat(countSchedules()).isEqualTo(before);

        long id = create("{\"task\":\"auditExport\",\"name\":\"Stays daily\",\"repetition\":\"DAILY\",\"hours\":\"7\"}");
        Api.admin().body("{\"repetition\":\"MONTHLY\",\"dayOfMonth\":32,\"hours\":\"7\"}").put("/api/schedules/" + id)
                .then().statusCode(400).body("fields.dayOfMonth", containsString("1 to 31"));
        Api.admin().get("/api/schedules/" + id).then().body("repetition", equalTo("DAILY")).body("hours", equalTo("07:00"));
        assertThat(audits("SCHEDULE_CHANGED", "Stays daily")).isZero();
    }

    @Test
    void nextRunIsComputedInTheGeneralTimeZoneAndRecomputedOnSave() {
        String zoneBefore = settings.get("general.timeZone");
        settings.write(Map.of("general.timeZone", "Asia/Tokyo"), Actor.SYSTEM, "test", "general");
        try {
            ZoneId tokyo = ZoneId.of("Asia/Tokyo");
            long id = create("{\"task\":\"auditExport\",\"name\":\"Tokyo export\",\"repetition\":\"DAILY\",\"hours\":\"3\"}");
            Instant next = Instant.parse(Api.admin().get("/api/schedules/" + id).then().extract().path("nextRunAt"));
            ZonedDateTime local = next.atZone(tokyo);
            assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(3, 0));
            assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(1)));
            assertThat(databases.mainJdbc().one("SELECT NEXT_RUN_AT FROM SCHEDULES WHERE ID = ?",
                    rs -> org.ream.central.persistence.Jdbc.instant(rs, "NEXT_RUN_AT"), id)).contains(next);

            Api.admin().body("{\"hours\":\"17:45\"}").put("/api/schedules/" + id).then().statusCode(200)
                    .body("repetition", equalTo("DAILY")).body("hours", equalTo("17:45"));
            Instant moved = Instant.parse(Api.admin().get("/api/schedules/" + id).then().extract().path("nextRunAt"));
            assertThat(moved.atZone(tokyo).toLocalTime()).isEqualTo(LocalTime.of(17, 45));
            assertThat(audits("SCHEDULE_CHANGED", "Tokyo export")).isEqualTo(1);

            // Renaming leaves the next run where it is.
            Api.admin().body("{\"name\":\"Tokyo audit export\"}").put("/api/schedules/" + id).then().statusCode(200)
                    .body("nextRunAt", equalTo(moved.toString()));

            Api.admin().post("/api/schedules/" + id + "/disable").then().statusCode(200)
                    .body("enabled", equalTo(false)).body("nextRunAt", nullValue());
            assertThat(audits("SCHEDULE_DISABLED", "Tokyo audit export")).isEqualTo(1);
            Api.admin().post("/api/schedules/" + id + "/enable").then().statusCode(200)
                    .body("enabled", equalTo(true)).body("nextRunAt", equalTo(moved.toString()));

            // The time zone is a setting: changing it moves the wall-clock hours to other instants.
            settings.write(Map.of("general.timeZone", "Europe/Paris"), Actor.SYSTEM, "test", "general");
            Instant paris = Instant.parse(Api.admin().get("/api/schedules/" + id).then().extract().path("nextRunAt"));
            assertThat(paris.atZone(ZoneId.of("Europe/Paris")).toLocalTime()).isEqualTo(LocalTime.of(17, 45));
        } finally {
            settings.write(Map.of("general.timeZone", zoneBefore), Actor.SYSTEM, "test", "general");
        }
    }

    @Test
    void builtInsCannotBeDeletedOthersCan() {
        long builtIn = Api.admin().get("/api/schedules").then().extract().jsonPath().getLong("find { it.name == 'History deletion' }.id");
        Api.admin().delete("/api/schedules/" + builtIn).then().statusCode(409).body("error", containsString("built-in"));

        long id = create("{\"task\":\"auditExport\",\"name\":\"Short-lived export\",\"repetition\":\"HOURLY\",\"interval\":6}");
        Api.admin().delete("/api/schedules/" + id).then().statusCode(204);
        Api.admin().get("/api/schedules/" + id).then().statusCode(404);
        assertThat(audits("SCHEDULE_DELETED", "Short-lived export")).isEqualTo(1);
    }

    @Test
    void runNowQueuesARunThatIsRecordedLoggedAndNotified() throws Exception {
        long id = create("{\"task\":\"auditExport\",\"name\":\"Export on demand\",\"enabled\":false,\"repetition\":\"DAILY\",\"hours\":\"23:59\","
                + "\"notifyTo\":[\"ops@example.org\", \"*admin\"]}");
        // *admin has no e-mail address: the run mails the other recipient and logs the miss.
        JsonPath queued = Api.admin().post("/api/schedules/" + id + "/run").then().statusCode(202)
                .body("status", equalTo("QUEUED")).body("alreadyQueued", equalTo(false)).extract().jsonPath();
        long runId = queued.getLong("runId");
        JsonPath run = awaitRunFinished(id, runId);
        assertThat(run.getString("status")).isEqualTo("OK");
        assertThat(run.getString("triggeredBy")).isEqualTo("*admin");
        assertThat(run.getString("message")).startsWith("Exported ").contains("exports/AuditLog_");

        String file = run.getString("message").replaceAll(".*exports/", "");
        Path csv = dataDir.resolve("exports").resolve(file);
        // Same file as the audit log page's export: a byte order mark, then the header with the time zone.
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("\uFEFFTime (" + settings.timeZone().getId() + ");Description;Context;User;Subsystem;Event type;Details");
        assertThat(Files.readString(csv)).contains("Task schedule Export on demand was created.");

        JsonPath schedule = Api.admin().get("/api/schedules/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(schedule.getString("lastStatus")).isEqualTo("OK");
        assertThat(schedule.getString("lastRunAt")).isNotNull();
        assertThat(schedule.getString("nextRunAt")).as("disabled: no next run").isNull();
        Api.admin().get("/api/schedules/" + id + "/runs").then().statusCode(200).body("id", hasItem((int) runId));
        assertThat(audits("SCHEDULE_RUN", "Export on demand")).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> !mail.to("ops@example.org").isEmpty());
        Mail m = mail.to("ops@example.org").get(0);
        assertThat(m.to()).containsExactly("ops@example.org");
        assertThat(m.template()).isEqualTo("schedule-result");
        assertThat(m.model()).containsEntry("scheduleName", "Export on demand").containsEntry("status", "OK")
                .containsKeys("startedAt", "finishedAt", "message");

        systemLog.flush();
        String context = "Export on demand, id=" + id;
        assertThat(databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE SUBSYSTEM = 'Scheduler' AND LOG_CONTEXT = ? AND SEVERITY = 5"
                + " AND MSG_TEXT = ?", context, "Executing scheduled task: Export on demand")).isEqualTo(1);
        assertThat(databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE LOG_CONTEXT = ? AND MSG_TEXT LIKE ?", context,
                "No e-mail address for *admin%")).isEqualTo(1);

        // The next export starts where this one ended.
        long second = Api.admin().post("/api/schedules/" + id + "/run").then().statusCode(202).extract().jsonPath().getLong("runId");
        assertThat(awaitRunFinished(id, second).getString("message")).contains("from ");
    }

    @Test
    void onlyProblemsAreMailedWhenAskedSo() {
        long id = create("{\"task\":\"auditExport\",\"name\":\"Quiet export\",\"enabled\":false,\"repetition\":\"DAILY\",\"hours\":\"1\","
                + "\"notifyTo\":[\"quiet@example.org\"],\"notifyOnlyProblems\":true}");
        long runId = Api.admin().post("/api/schedules/" + id + "/run").then().statusCode(202).extract().jsonPath().getLong("runId");
        assertThat(awaitRunFinished(id, runId).getString("status")).isEqualTo("OK");

        long replication = Api.admin().get("/api/schedules").then().extract().jsonPath()
                .getLong("find { it.name == 'Data replication from sites' }.id");
        Api.admin().body("{\"notifyTo\":[\"quiet@example.org\"],\"notifyOnlyProblems\":true}").put("/api/schedules/" + replication)
                .then().statusCode(200);
        // A site that cannot be reached makes the replication run a WARNING (a problem worth a mail).
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                databases.newId(), "Unreachable " + System.nanoTime(), "127.0.0.1", 1, false, true, "UNKNOWN", java.time.Instant.now());
        long warned = Api.admin().post("/api/schedules/" + replication + "/run").then().statusCode(202).extract().jsonPath().getLong("runId");
        JsonPath run = awaitRunFinished(replication, warned);
        assertThat(run.getString("status")).isEqualTo("WARNING");
        assertThat(run.getString("message")).contains("Problems");

        await().atMost(Duration.ofSeconds(30)).until(() -> !mail.to("quiet@example.org").isEmpty());
        assertThat(mail.to("quiet@example.org")).singleElement()
                .satisfies(m -> assertThat(m.model()).containsEntry("scheduleName", "Data replication from sites").containsEntry("status", "WARNING"));
    }
}
