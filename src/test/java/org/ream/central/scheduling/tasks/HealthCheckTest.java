package org.ream.central.scheduling.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.SystemLog;
import org.ream.central.mail.MailQueue;
import org.ream.central.persistence.Databases;
import org.ream.central.scheduling.Api;
import org.ream.central.scheduling.RecordingMailQueue;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class HealthCheckTest {

    static final String ADMIN = "admin@example.org";

    @Inject
    SettingsStore settings;

    @Inject
    Databases databases;

    @Inject
    SystemLog systemLog;

    RecordingMailQueue mail;
    Map<String, String> saved;
    long scheduleId;

    @BeforeEach
    void setUp() {
        mail = new RecordingMailQueue();
        QuarkusMock.installMockForType(mail, MailQueue.class);
        saved = new LinkedHashMap<>();
        for (String key : new String[] {"diskspace.warningMb", "diskspace.criticalMb", "general.adminEmail"}) {
            saved.put(key, settings.get(key));
        }
        scheduleId = Api.admin().get("/api/schedules").then().extract().jsonPath().getLong("find { it.task == 'healthCheck' }.id");
        // Only the runs of this test, not the ten-minute ones.
        Api.admin().post("/api/schedules/" + scheduleId + "/disable").then().statusCode(200);
        levels(1, 1);
    }

    @AfterEach
    void tearDown() {
        settings.write(saved, Actor.SYSTEM, "test", "system");
        Api.admin().post("/api/schedules/" + scheduleId + "/enable").then().statusCode(200);
    }

    private void levels(int warningMb, int criticalMb) {
        settings.write(Map.of("diskspace.warningMb", Integer.toString(warningMb), "diskspace.criticalMb", Integer.toString(criticalMb),
                "general.adminEmail", ADMIN), Actor.SYSTEM, "test", "system");
    }

    private JsonPath runNow() {
        long runId = Api.admin().post("/api/schedules/" + scheduleId + "/run").then().statusCode(202).extract().jsonPath().getLong("runId");
        await().atMost(Duration.ofSeconds(60)).until(() -> !Api.admin().get("/api/schedules/" + scheduleId + "/runs/" + runId)
                .then().extract().path("status").toString().matches("QUEUED|RUNNING"));
        return Api.admin().get("/api/schedules/" + scheduleId + "/runs/" + runId).then().extract().jsonPath();
    }

    @Test
    void diskSpaceLevelsAreReportedAndTheAdministratorIsMailedOncePerNewIssue() {
        JsonPath healthy = runNow();
        assertThat(healthy.getString("status")).isEqualTo("OK");
        assertThat(healthy.getString("message")).isEqualTo("System Health Check did not find any new issue.");

        // No volume has ten terabytes free here: the warning level is reached.
        levels(10_000_000, 1);
        JsonPath warning = runNow();
        assertThat(warning.getString("status")).isEqualTo("WARNING");
        assertThat(warning.getString("message")).contains("1 new issue").contains("#104 Disk space is at the warning level");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.to(ADMIN).size() == 1);
        assertThat(mail.to(ADMIN).get(0).template()).isEqualTo("schedule-result");
        assertThat(mail.to(ADMIN).get(0).model()).containsEntry("status", "WARNING").containsEntry("scheduleName", "System Health Check");

        JsonPath again = runNow();
        assertThat(again.getString("status")).isEqualTo("WARNING");
        assertThat(again.getString("message")).startsWith("System Health Check did not find any new issue.").contains("Still open: #104");
        assertThat(mail.to(ADMIN)).hasSize(1);

        levels(10_000_000, 10_000_000);
        JsonPath critical = runNow();
        assertThat(critical.getString("status")).isEqualTo("ERROR");
        assertThat(critical.getString("message")).contains("#105 Disk space is at the critical level");
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.to(ADMIN).size() == 2);
        systemLog.flush();
        assertThat(databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE SEVERITY = 1 AND SUBSYSTEM = 'Scheduler'"
                + " AND MSG_TEXT LIKE 'Disk space is at the critical level%keeps running%'")).isEqualTo(1);

        levels(1, 1);
        assertThat(runNow().getString("message")).isEqualTo("System Health Check did not find any new issue.");
    }
}
