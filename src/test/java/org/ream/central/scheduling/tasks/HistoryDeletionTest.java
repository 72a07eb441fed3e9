package org.ream.central.scheduling.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.mail.MailQueue;
import org.ream.central.persistence.Databases;
import org.ream.central.scheduling.Api;
import org.ream.central.scheduling.RecordingMailQueue;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class HistoryDeletionTest {

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    DataDir dataDir;

    @Inject
    HistoryDeletionTask task;

    @BeforeEach
    void noMail() {
        QuarkusMock.installMockForType(new RecordingMailQueue(), MailQueue.class);
    }

    private long site(String name) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, name, "site.example.org", 8090, true, true, "OK", Instant.now());
        return id;
    }

    private void pageDay(long site, LocalDate day) {
        databases.mainJdbc().update("INSERT INTO DAILY_PAGE_TOTALS (SITE_ID, PAGE_DAY, PRINTED, COPIED, SCANNED, SHEETS) VALUES (?, ?, 1, 0, 0, 1)",
                site, day);
    }

    private long pageDays(long site) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM DAILY_PAGE_TOTALS WHERE SITE_ID = ?", site);
    }

    private Path reportRun(Instant startedAt) throws Exception {
        String relative = "reports/run-" + UUID.randomUUID() + ".pdf";
        Path file = dataDir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "%PDF-1.4");
        databases.mainJdbc().update("INSERT INTO REPORT_RUNS (ID, REPORT_ID, STATUS, STARTED_AT, FINISHED_AT, OUTPUT_FILE) VALUES (?, ?, ?, ?, ?, ?)",
                databases.newId(), 1L, "OK", startedAt, startedAt, relative);
        return file;
    }

    private long audit(Instant at, String description) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO AUDIT_LOG (ID, CREATED_AT, USER_NAME, SUBSYSTEM, EVENT_TYPE, DESCRIPTION) VALUES (?, ?, ?, ?, ?, ?)",
                id, at, "*system", "HistoryTest", "TEST", description);
        return id;
    }

    private long logEntry(Instant at, boolean highlighted) {
        long id = databases.newLogId();
        databases.logJdbc().update("INSERT INTO LOG_ENTRIES (ID, CREATED_AT, SEVERITY, SUBSYSTEM, MSG_TEXT) VALUES (?, ?, 5, 'HistoryTest', 'entry')",
                id, at);
        if (highlighted) {
            databases.logJdbc().update("INSERT INTO LOG_HIGHLIGHTS (USER_ID, ENTRY_ID) VALUES (?, ?)", 1L, id);
        }
        return id;
    }

    private static Instant daysAgo(long days) {
        return Instant.now().minus(Duration.ofDays(days));
    }

    @Test
    void deletesOnlyWhatIsOlderThanTheHistoryPeriods() throws Exception {
        LocalDate today = LocalDate.now(settings.timeZone());
        long site = site("History site " + UUID.randomUUID());
        int sessionsDays = settings.getInt("history.sessionsDays");
        pageDay(site, today.minusDays(sessionsDays + 1));
        pageDay(site, today.minusDays(sessionsDays + 300));
        pageDay(site, today.minusDays(sessionsDays - 1));
        pageDay(site, today);

        int reportsDays = settings.getInt("history.reportsDays");
        Path oldReport = reportRun(daysAgo(reportsDays + 1));
        Path newReport = reportRun(daysAgo(reportsDays - 1));

        int auditDays = settings.getInt("history.auditDays");
        long oldAudit = audit(daysAgo(auditDays + 1), "old change");
        long newAudit = audit(daysAgo(auditDays - 1), "recent change");

        int logDays = settings.getInt("log.retentionDays");
        long oldLog = logEntry(daysAgo(logDays + 1), true);
        long newLog = logEntry(daysAgo(logDays - 1), true);

        long id = Api.admin().get("/api/schedules").then().extract().jsonPath().getLong("find { it.name == 'History deletion' }.id");
        long runId = Api.admin().post("/api/schedules/" + id + "/run").then().statusCode(202).extract().jsonPath().getLong("runId");
        await().atMost(Duration.ofSeconds(60)).until(() -> !Api.admin().get("/api/schedules/" + id + "/runs/" + runId)
                .then().extract().path("status").toString().matches("QUEUED|RUNNING"));
        var run = Api.admin().get("/api/schedules/" + id + "/runs/" + runId).then().extract().jsonPath();
        assertThat(run.getString("status")).isEqualTo("OK");
        assertThat(run.getString("message"))
                .contains("2 replicated session row(s)")
                .contains("1 archived report(s) (1 file(s))")
                .contains("1 audit log entry")
                .contains("1 log entry")
                .contains("no printer events");

        assertThat(pageDays(site)).isEqualTo(2);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM DAILY_PAGE_TOTALS WHERE SITE_ID = ? AND PAGE_DAY < ?", site,
                today.minusDays(sessionsDays))).isZero();
        assertThat(oldReport).doesNotExist();
        assertThat(newReport).exists();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE ID IN (?, ?)", oldAudit, newAudit)).isEqualTo(1);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE ID = ?", newAudit)).isEqualTo(1);
        assertThat(databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE ID IN (?, ?)", oldLog, newLog)).isEqualTo(1);
        assertThat(databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE ID = ?", newLog)).isEqualTo(1);
        assertThat(databases.logJdbc().count("SELECT COUNT(*) FROM LOG_HIGHLIGHTS WHERE ENTRY_ID IN (?, ?)", oldLog, newLog)).isEqualTo(1);
        assertThat(databases.logJdbc().count("SELECT COUNT(*) FROM LOG_HIGHLIGHTS WHERE ENTRY_ID = ?", newLog)).isEqualTo(1);
    }

    @Test
    void deletesInChunksOfTheConfiguredSize() {
        LocalDate today = LocalDate.now(settings.timeZone());
        long site = site("Chunk site " + UUID.randomUUID());
        for (int i = 0; i < 25; i++) {
            pageDay(site, today.minusDays(5000 + i));
        }
        for (int i = 0; i < 3; i++) {
            pageDay(site, today.minusDays(i));
        }
        ChunkedDelete.Result r = task.purge(HistoryDeletionTask.SESSION_TABLES, 4000, Instant.now(), today, 10);
        assertThat(r.rows()).isEqualTo(25);
        assertThat(r.chunks()).isEqualTo(3);
        assertThat(pageDays(site)).isEqualTo(3);

        for (int i = 0; i < 20; i++) {
            audit(daysAgo(9000 + i), "chunked");
        }
        ChunkedDelete.Result audit = ChunkedDelete.run(databases.mainJdbc(), databases.mainDialect(), "AUDIT_LOG",
                "CREATED_AT < ? AND SUBSYSTEM = ?", 7, daysAgo(8000), "HistoryTest");
        assertThat(audit).isEqualTo(new ChunkedDelete.Result(20, 3));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE DESCRIPTION = 'chunked'")).isZero();
    }

    @Test
    void reportFilesOutsideTheDataFolderAreKept() throws Exception {
        Path outside = Files.createTempFile("ream-report", ".pdf");
        try {
            Instant old = daysAgo(settings.getInt("history.reportsDays") + 10);
            long reportRun = databases.newId();
            databases.mainJdbc().update("INSERT INTO REPORT_RUNS (ID, STATUS, STARTED_AT, OUTPUT_FILE) VALUES (?, ?, ?, ?)",
                    reportRun, "OK", old, outside.toAbsolutePath().toString());
            var result = task.run(new org.ream.central.scheduling.TaskContext(0, "History deletion", 0, Instant.now(), java.util.Optional.empty(),
                    "*system", null, settings.timeZone()));
            assertThat(result.status()).isEqualTo(org.ream.central.scheduling.TaskResult.Status.WARNING);
            assertThat(result.message()).contains("outside the data folder");
            assertThat(outside).exists();
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM REPORT_RUNS WHERE ID = ?", reportRun)).isZero();
        } finally {
            Files.deleteIfExists(outside);
        }
    }
}
