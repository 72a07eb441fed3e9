package org.ream.central.scheduling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.ServiceUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.ream.central.audit.AuditLog;
import org.ream.central.logging.SystemLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;

/**
 * Turns due schedules and "Run" clicks into runs: a SCHEDULE_RUNS row (QUEUED) committed
 * together with the advanced NEXT_RUN_AT, then one message per run on scheduler.runs (route
 * scheduler-enqueue). A schedule with a run still queued or running is not queued again.
 */
@ApplicationScoped
@Named("schedulerDispatch")
public class SchedulerDispatch {

    /** Route scheduler-enqueue: puts a run id on the scheduler.runs queue. */
    public static final String ENQUEUE = "direct:scheduler-enqueue";
    /** Route scheduler-dispatch: what the tick calls. */
    public static final String DISPATCH = "direct:scheduler-dispatch";

    /** The answer to "Run": the run that will carry out the request. */
    public record RunRequest(long runId, String status, boolean alreadyQueued) {
    }

    @Inject
    Databases databases;

    @Inject
    ScheduleStore store;

    @Inject
    SchedulerConfig config;

    @Inject
    SystemLog log;

    @Inject
    AuditLog audit;

    @Inject
    ProducerTemplate producer;

    /**
     * Called by the tick: queues a run for every enabled schedule whose next run has come.
     * NEXT_RUN_AT moves on in the same transaction (and only if no one moved it meanwhile), so
     * two ticks never queue the same run. Returns the run ids, committed, for the route to send.
     */
    public List<Long> claimDueRuns() {
        Instant now = Instant.now();
        abandonStaleRuns(now);
        return databases.mainJdbc().inTransaction(c -> {
            List<Schedule> due = Jdbc.query(c, "SELECT " + Schedule.COLUMNS + " FROM SCHEDULES s WHERE ENABLED = ? AND NEXT_RUN_AT <= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM SCHEDULE_RUNS r WHERE r.SCHEDULE_ID = s.ID AND r.STATUS IN (?, ?))"
                    + " ORDER BY NEXT_RUN_AT, ID", Schedule::map, true, now, ScheduleRun.QUEUED, ScheduleRun.RUNNING);
            List<Long> runs = new ArrayList<>();
            for (Schedule s : due) {
                Instant next = next(s, now);
                if (Jdbc.update(c, "UPDATE SCHEDULES SET NEXT_RUN_AT = ? WHERE ID = ? AND NEXT_RUN_AT = ?", next, s.id(), s.nextRunAt()) == 1) {
                    runs.add(insertRun(c, s.id(), Actor.SYSTEM.username(), now));
                }
            }
            return runs;
        });
    }

    /** "Run" in the task scheduler: queues a run now, or returns the one already queued or running. */
    public RunRequest runNow(long scheduleId, Actor actor) {
        Schedule s = store.get(scheduleId);
        RunRequest request = databases.mainJdbc().inTransaction(c -> {
            Optional<ScheduleRun> open = Jdbc.query(c, "SELECT " + ScheduleRun.COLUMNS + " FROM SCHEDULE_RUNS WHERE SCHEDULE_ID = ? AND STATUS IN (?, ?)",
                    ScheduleRun::map, scheduleId, ScheduleRun.QUEUED, ScheduleRun.RUNNING).stream().findFirst();
            if (open.isPresent()) {
                return new RunRequest(open.get().id(), open.get().status(), true);
            }
            long runId = insertRun(c, scheduleId, actor.username(), Instant.now());
            audit.record(c, actor, ScheduleStore.SUBSYSTEM, "SCHEDULE_RUN", "Task schedule " + s.name() + " was run manually.", s.name(),
                    "run: " + runId);
            return new RunRequest(runId, ScheduleRun.QUEUED, false);
        });
        if (!request.alreadyQueued()) {
            try {
                enqueue(request.runId());
            } catch (RuntimeException e) {
                fail(request.runId(), "Could not be queued: " + e.getMessage());
                throw new ServiceUnavailableException("The message broker did not take the run, nothing will run: " + e.getMessage());
            }
        }
        return request;
    }

    public void enqueue(long runId) {
        producer.sendBody(ENQUEUE, Long.toString(runId));
    }

    /**
     * After a restart: runs committed as queued whose message may never have reached the broker
     * (the server stopped between the two). Queued again; a run whose message was there already
     * is carried out once, the second message finds it finished.
     */
    public int requeueQueuedRuns() {
        List<Long> queued = databases.mainJdbc().query("SELECT ID FROM SCHEDULE_RUNS WHERE STATUS = ? ORDER BY STARTED_AT", rs -> rs.getLong(1),
                ScheduleRun.QUEUED);
        queued.forEach(this::enqueue);
        return queued.size();
    }

    private void abandonStaleRuns(Instant now) {
        Instant limit = now.minus(config.abandonRunAfter());
        List<ScheduleRun> stale = databases.mainJdbc().query("SELECT " + ScheduleRun.COLUMNS + " FROM SCHEDULE_RUNS WHERE STATUS IN (?, ?)"
                + " AND STARTED_AT < ?", ScheduleRun::map, ScheduleRun.QUEUED, ScheduleRun.RUNNING, limit);
        for (ScheduleRun r : stale) {
            String message = "Abandoned: " + (ScheduleRun.QUEUED.equals(r.status()) ? "queued" : "started") + " at " + r.startedAt()
                    + " and not finished after " + config.abandonRunAfter().toHours() + " h (see the queue DLQ.scheduler.runs)";
            if (fail(r.id(), message)) {
                log.error(ScheduleStore.SUBSYSTEM, "run " + r.id(), "Scheduled run " + r.id() + " of schedule " + r.scheduleId() + " " + message, null);
            }
        }
    }

    private boolean fail(long runId, String message) {
        return databases.mainJdbc().update("UPDATE SCHEDULE_RUNS SET STATUS = ?, FINISHED_AT = ?, RUN_MESSAGE = ? WHERE ID = ? AND STATUS IN (?, ?)",
                TaskResult.Status.ERROR, Instant.now(), message, runId, ScheduleRun.QUEUED, ScheduleRun.RUNNING) == 1;
    }

    private Instant next(Schedule s, Instant now) {
        try {
            return store.nextRunAfter(s.timing(), now);
        } catch (RuntimeException e) {
            // Never expected (the timing was validated on save); do not let it block every tick.
            log.error(ScheduleStore.SUBSYSTEM, s.logContext(), "Cannot compute the next run; the schedule stops until it is saved again: " + e, null);
            return null;
        }
    }

    private long insertRun(Connection c, long scheduleId, String triggeredBy, Instant at) throws SQLException {
        long id = databases.newId();
        Jdbc.update(c, "INSERT INTO SCHEDULE_RUNS (ID, SCHEDULE_ID, TRIGGERED_BY, STATUS, STARTED_AT) VALUES (?, ?, ?, ?, ?)",
                id, scheduleId, triggeredBy, ScheduleRun.QUEUED, at);
        return id;
    }
}
