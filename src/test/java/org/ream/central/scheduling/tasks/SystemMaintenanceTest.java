package org.ream.central.scheduling.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.scheduling.Schedule;
import org.ream.central.scheduling.ScheduleInput;
import org.ream.central.scheduling.ScheduleStore;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class SystemMaintenanceTest {

    @Inject
    SystemMaintenanceTask task;

    @Inject
    Databases databases;

    @Inject
    ScheduleStore store;

    @Inject
    SettingsStore settings;

    @Inject
    DataDir dataDir;

    private void run(long scheduleId, String status, Instant startedAt) {
        databases.mainJdbc().update("INSERT INTO SCHEDULE_RUNS (ID, SCHEDULE_ID, TRIGGERED_BY, STATUS, STARTED_AT) VALUES (?, ?, ?, ?, ?)",
                databases.newId(), scheduleId, "*system", status, startedAt);
    }

    @Test
    void removesExpiredSessionsOldTemporaryFilesAndRunsBeyondTheCap() throws Exception {
        long admin = databases.mainJdbc().one("SELECT ID FROM USERS WHERE USERNAME = '*admin'", rs -> rs.getLong(1)).orElseThrow();
        String expired = "expired-" + UUID.randomUUID();
        databases.mainJdbc().update("INSERT INTO WEB_SESSIONS (TOKEN_HASH, USER_ID, CREATED_AT, LAST_SEEN_AT) VALUES (?, ?, ?, ?)",
                expired, admin, Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(30)));

        Path tmp = dataDir.resolve("tmp");
        Path oldDir = Files.createDirectories(tmp.resolve("work-" + UUID.randomUUID()));
        Path oldFile = Files.writeString(oldDir.resolve("left-over.bin"), "x");
        Path freshFile = Files.writeString(tmp.resolve("in-use-" + UUID.randomUUID()), "y");
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        Files.setLastModifiedTime(oldFile, twoDaysAgo);
        Files.setLastModifiedTime(oldDir, twoDaysAgo);

        Schedule s = store.create(new ScheduleInput("auditExport", "Run history " + UUID.randomUUID(), null, false, "DAILY", null, null, null,
                "2", null, null, null, null), Actor.SYSTEM);
        Instant t0 = Instant.now().minus(Duration.ofDays(10));
        for (int i = 0; i < 5; i++) {
            run(s.id(), "OK", t0.plus(Duration.ofHours(i)));
        }
        run(s.id(), "QUEUED", t0.minus(Duration.ofDays(1)));

        assertThat(task.trimRunHistory(2)).isGreaterThanOrEqualTo(3);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM SCHEDULE_RUNS WHERE SCHEDULE_ID = ? AND STATUS = 'OK'", s.id())).isEqualTo(2);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM SCHEDULE_RUNS WHERE SCHEDULE_ID = ? AND STATUS = 'OK' AND STARTED_AT < ?",
                s.id(), t0.plus(Duration.ofHours(3)))).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM SCHEDULE_RUNS WHERE SCHEDULE_ID = ? AND STATUS = 'QUEUED'", s.id())).isEqualTo(1);

        TaskResult r = task.run(new TaskContext(s.id(), "System maintenance", 0, Instant.now(), Optional.empty(), "*system", null,
                settings.timeZone()));
        assertThat(r.status()).isEqualTo(TaskResult.Status.OK);
        assertThat(r.message()).startsWith("Removed ").contains("expired web session(s)").contains("temporary file(s)");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM WEB_SESSIONS WHERE TOKEN_HASH = ?", expired)).isZero();
        assertThat(oldFile).doesNotExist();
        assertThat(oldDir).doesNotExist();
        assertThat(freshFile).exists();
        store.delete(s.id(), Actor.SYSTEM);
    }
}
