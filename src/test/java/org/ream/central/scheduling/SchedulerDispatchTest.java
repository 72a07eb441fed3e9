package org.ream.central.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.SystemLog;
import org.ream.central.mail.MailQueue;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;

/** The pipelines: due schedules become runs once, runs survive a stop, built-ins are added once. */
@QuarkusTest
class SchedulerDispatchTest {

    @Inject
    Databases databases;

    @Inject
    ScheduleStore store;

    @Inject
    BuiltInSchedules builtIns;

    @Inject
    SchedulerDispatch dispatch;

    @Inject
    ProducerTemplate producer;

    @Inject
    SystemLog systemLog;

    private final List<Long> created = new ArrayList<>();

    @BeforeEach
    void noMail() {
        QuarkusMock.installMockForType(new RecordingMailQueue(), MailQueue.class);
    }

    @AfterEach
    void removeSchedules() {
        // Left enabled, they would keep running for the rest of the test JVM.
        created.forEach(id -> store.find(id).ifPresent(s -> store.delete(id, Actor.SYSTEM)));
    }

    private Schedule newSchedule(String name, ScheduleTiming timing) {
        Schedule s = store.create(new ScheduleInput("auditExport", name, null, true, timing.repetition().name(),
                timing.repetition().usesInterval() ? timing.interval() : null, null, null, HoursOfRun.format(timing.hours()), null, null, null,
                null), Actor.SYSTEM);
        created.add(s.id());
        return s;
    }

    private List<ScheduleRun> runsOf(long scheduleId) {
        return databases.mainJdbc().query("SELECT " + ScheduleRun.COLUMNS + " FROM SCHEDULE_RUNS WHERE SCHEDULE_ID = ? ORDER BY ID",
                ScheduleRun::map, scheduleId);
    }

    private Instant nextRunAt(long scheduleId) {
        return databases.mainJdbc().one("SELECT NEXT_RUN_AT FROM SCHEDULES WHERE ID = ?", rs -> Jdbc.instant(rs, "NEXT_RUN_AT"), scheduleId)
                .orElse(null);
    }

    private void awaitFinished(long scheduleId, int runs) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<ScheduleRun> all = runsOf(scheduleId);
            return all.size() == runs && all.stream().allMatch(ScheduleRun::finished);
        });
    }

    @Test
    void aDueScheduleIsQueuedOnceAndItsNextRunMovesOn() {
        Schedule s = newSchedule("Every ten minutes export", ScheduleTiming.everyMinutes(10));
        Instant due = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        databases.mainJdbc().update("UPDATE SCHEDULES SET NEXT_RUN_AT = ? WHERE ID = ?", due, s.id());

        // Two ticks in a row (the timer's own may come in between): one run.
        producer.sendBody(SchedulerDispatch.DISPATCH, null);
        producer.sendBody(SchedulerDispatch.DISPATCH, null);
        assertThat(nextRunAt(s.id())).isAfter(Instant.now());
        awaitFinished(s.id(), 1);

        ScheduleRun run = runsOf(s.id()).get(0);
        assertThat(run.status()).isEqualTo("OK");
        assertThat(run.triggeredBy()).isEqualTo("*system");
        Schedule after = store.get(s.id());
        assertThat(after.lastStatus()).isEqualTo("OK");
        assertThat(after.lastRunAt()).isEqualTo(run.startedAt());
        // Recomputed from the run: the next whole minute ten minutes on, as the manual's 4:34:03 -> 4:44:00.
        assertThat(after.nextRunAt()).isEqualTo(run.startedAt().truncatedTo(ChronoUnit.MINUTES).plus(10, ChronoUnit.MINUTES));

        producer.sendBody(SchedulerDispatch.DISPATCH, null);
        assertThat(runsOf(s.id())).hasSize(1);
    }

    @Test
    void aScheduleWithARunInProgressIsNotQueuedAgain() {
        Schedule s = newSchedule("Busy export", ScheduleTiming.everyMinutes(1));
        databases.mainJdbc().update("INSERT INTO SCHEDULE_RUNS (ID, SCHEDULE_ID, TRIGGERED_BY, STATUS, STARTED_AT) VALUES (?, ?, ?, ?, ?)",
                databases.newId(), s.id(), "*system", ScheduleRun.QUEUED, Instant.now());
        databases.mainJdbc().update("UPDATE SCHEDULES SET NEXT_RUN_AT = ? WHERE ID = ?", Instant.now().minus(1, ChronoUnit.MINUTES), s.id());
        producer.sendBody(SchedulerDispatch.DISPATCH, null);
        assertThat(runsOf(s.id())).hasSize(1);
    }

    @Test
    void aRunCutShortByAStopIsRunAgainAndADuplicateMessageIsIgnored() {
        Schedule s = newSchedule("Interrupted export", ScheduleTiming.daily(List.of(LocalTime.of(4, 0))));
        long runId = databases.newId();
        // What a crash mid-run leaves: the row says RUNNING and the broker still holds the message.
        databases.mainJdbc().update("INSERT INTO SCHEDULE_RUNS (ID, SCHEDULE_ID, TRIGGERED_BY, STATUS, STARTED_AT) VALUES (?, ?, ?, ?, ?)",
                runId, s.id(), "*system", ScheduleRun.RUNNING, Instant.now().minus(5, ChronoUnit.MINUTES));
        dispatch.enqueue(runId);
        awaitFinished(s.id(), 1);
        ScheduleRun done = runsOf(s.id()).get(0);
        assertThat(done.status()).isEqualTo("OK");

        dispatch.enqueue(runId);
        dispatch.enqueue(Long.MAX_VALUE);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> runsOf(s.id()).get(0).equals(done));
    }

    @Test
    void theMessageIsAcknowledgedOnlyOnceTheRunIsRecorded() throws Exception {
        Schedule s = newSchedule("Recorded at last", ScheduleTiming.daily(List.of(LocalTime.of(6, 0))));
        // The database refuses to record this schedule's result three times (every attempt of the
        // first delivery), as it would while it is briefly unavailable.
        String[] ddl = {
            "CREATE SEQUENCE TEST_REFUSALS",
            "CREATE EXCEPTION TEST_REFUSED 'result not recorded'",
            "CREATE TRIGGER TEST_REFUSE_RESULT FOR SCHEDULE_RUNS ACTIVE BEFORE UPDATE POSITION 0 AS BEGIN"
                + " IF (NEW.SCHEDULE_ID = " + s.id() + " AND NEW.STATUS = 'OK' AND GEN_ID(TEST_REFUSALS, 1) <= 3) THEN EXCEPTION TEST_REFUSED; END"};
        for (String sql : ddl) {
            databases.mainJdbc().update(sql);
        }
        org.ream.central.persistence.StatementCache.schemaChanged(); // statements prepared before the trigger would not fire it
        try {
            long runId = dispatch.runNow(s.id(), Actor.SYSTEM).runId();
            // Rolled back, redelivered by the broker, run again, recorded.
            await().atMost(Duration.ofSeconds(90)).until(() -> runsOf(s.id()).get(0).finished());
            ScheduleRun run = runsOf(s.id()).get(0);
            assertThat(run.id()).isEqualTo(runId);
            assertThat(run.status()).isEqualTo("OK");
            assertThat(runsOf(s.id())).hasSize(1);
            systemLog.flush();
            assertThat(databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE LOG_CONTEXT = ? AND MSG_TEXT = ?",
                    s.logContext(), "Executing scheduled task: Recorded at last")).isEqualTo(2);
        } finally {
            for (String sql : new String[] {"DROP TRIGGER TEST_REFUSE_RESULT", "DROP EXCEPTION TEST_REFUSED", "DROP SEQUENCE TEST_REFUSALS"}) {
                databases.mainJdbc().update(sql);
            }
        }
    }

    @Test
    void queuedRunsAreSentAgainAfterARestart() {
        Schedule s = newSchedule("Queued before a stop", ScheduleTiming.daily(List.of(LocalTime.of(5, 0))));
        // Committed as queued, but the server stopped before the message reached the broker.
        databases.mainJdbc().update("INSERT INTO SCHEDULE_RUNS (ID, SCHEDULE_ID, TRIGGERED_BY, STATUS, STARTED_AT) VALUES (?, ?, ?, ?, ?)",
                databases.newId(), s.id(), "*system", ScheduleRun.QUEUED, Instant.now());
        assertThat(dispatch.requeueQueuedRuns()).isPositive();
        awaitFinished(s.id(), 1);
    }

    @Test
    void builtInsAreRegisteredOnceAndKeepTheirEditedTiming() {
        long builtInCount = databases.mainJdbc().count("SELECT COUNT(*) FROM SCHEDULES WHERE BUILTIN = ?", true);
        assertThat(builtInCount).isEqualTo(BuiltInSchedules.ALL.size());

        long healthId = databases.mainJdbc().one("SELECT ID FROM SCHEDULES WHERE BUILTIN = ? AND TASK = 'healthCheck'", rs -> rs.getLong(1), true)
                .orElseThrow();
        Schedule edited = store.update(healthId, new ScheduleInput(null, null, null, null, "MINUTE", 15, null, null, null, null, null, null, null),
                Actor.SYSTEM);
        assertThat(edited.timing()).isEqualTo(ScheduleTiming.everyMinutes(15));

        // What every start does.
        assertThat(builtIns.registerMissing()).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM SCHEDULES WHERE BUILTIN = ?", true)).isEqualTo(builtInCount);
        assertThat(store.get(healthId).timing()).isEqualTo(ScheduleTiming.everyMinutes(15));

        // A built-in removed behind the server's back (an old database) comes back.
        long logBackup = databases.mainJdbc().one("SELECT ID FROM SCHEDULES WHERE BUILTIN = ? AND TASK = 'logBackup'", rs -> rs.getLong(1), true)
                .orElseThrow();
        databases.mainJdbc().update("DELETE FROM SCHEDULES WHERE ID = ?", logBackup);
        assertThat(builtIns.registerMissing()).isEqualTo(1);
        assertThat(builtIns.registerMissing()).isZero();

        store.update(healthId, new ScheduleInput(null, null, null, null, "MINUTE", 10, null, null, null, null, null, null, null), Actor.SYSTEM);
    }
}
