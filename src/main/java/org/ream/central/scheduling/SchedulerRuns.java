package org.ream.central.scheduling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.jboss.logging.Logger;
import org.ream.central.logging.SystemLog;
import org.ream.central.mail.Mail;
import org.ream.central.mail.MailQueue;
import org.ream.central.persistence.DataAccessException;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;

/**
 * Carries out the runs taken from the scheduler.runs queue (route scheduler-run): start,
 * execute, finish, notify. The message is acknowledged when the route completes, after the
 * run is recorded; a server that stops mid-run gets the message again and runs it again.
 */
@ApplicationScoped
@Named("schedulerRuns")
public class SchedulerRuns {

    public static final String MAIL_TEMPLATE = "schedule-result";
    private static final Logger LOG = Logger.getLogger(SchedulerRuns.class);
    private static final int RECORD_ATTEMPTS = 3;

    /** A run this server has started. */
    public record Ticket(ScheduleRun run, Schedule schedule, TaskContext context, boolean resumed) {
    }

    /** A run carried out; {@code schedule} is re-read once recorded (the panel may have changed meanwhile). */
    public record Outcome(Ticket ticket, TaskResult result, Instant finishedAt, Schedule schedule) {
    }

    @Inject
    Databases databases;

    @Inject
    ScheduleStore store;

    @Inject
    TaskRegistry tasks;

    @Inject
    SystemLog log;

    @Inject
    MailQueue mail;

    // Runs being carried out in this JVM: a second message for one of them (a run queued again
    // after a restart) is a duplicate, whereas a RUNNING row not in here was cut short (a stop,
    // or a result that could not be recorded).
    private final Set<Long> inProgress = ConcurrentHashMap.newKeySet();

    /** Marks the run started; null (nothing to do) for a run that is finished, unknown or already in progress. */
    public Ticket start(String body, Exchange exchange) {
        long runId;
        try {
            runId = Long.parseLong(body == null ? "" : body.strip());
        } catch (NumberFormatException e) {
            LOG.warnf("Ignoring a message on scheduler.runs that is not a run id: %s", body);
            return null;
        }
        if (!inProgress.add(runId)) {
            return null;
        }
        boolean release = true;
        try {
            Optional<ScheduleRun> run = store.run(runId);
            if (run.isEmpty() || run.get().finished()) {
                return null;
            }
            Optional<Schedule> schedule = store.find(run.get().scheduleId());
            if (schedule.isEmpty()) {
                return null;
            }
            Schedule s = schedule.get();
            boolean resumed = ScheduleRun.RUNNING.equals(run.get().status());
            Instant startedAt = Instant.now();
            databases.mainJdbc().update("UPDATE SCHEDULE_RUNS SET STATUS = ?, STARTED_AT = ? WHERE ID = ?", ScheduleRun.RUNNING, startedAt, runId);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    inProgress.remove(runId);
                }
            });
            release = false;
            if (resumed) {
                log.warning(ScheduleStore.SUBSYSTEM, s.logContext(), "Run " + runId
                        + " did not finish last time (the server stopped, or its result could not be recorded); running it again");
            }
            log.notice(ScheduleStore.SUBSYSTEM, s.logContext(), "Executing scheduled task: " + s.name());
            TaskContext ctx = new TaskContext(s.id(), s.name(), runId, startedAt, Optional.ofNullable(s.lastRunAt()), run.get().triggeredBy(),
                    store.config(s.taskConfig()), store.zone());
            return new Ticket(run.get(), s, ctx, resumed);
        } finally {
            if (release) {
                inProgress.remove(runId);
            }
        }
    }

    /** Runs the task. Never throws: a failing task is an ERROR result. */
    public Outcome execute(Ticket ticket) {
        String key = ticket.schedule().task();
        Optional<ScheduledTask> task = tasks.find(key);
        TaskResult result;
        if (task.isEmpty()) {
            result = TaskResult.error("This server has no task '" + key + "': the schedule cannot run");
        } else {
            try {
                result = task.get().run(ticket.context());
                if (result == null) {
                    result = TaskResult.error(task.get().label() + " gave no result");
                }
            } catch (Exception | LinkageError e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                log.error(ScheduleStore.SUBSYSTEM, ticket.context().logContext(), task.get().label() + " failed: " + e, trace.toString());
                result = TaskResult.error(task.get().label() + " failed: " + e.getMessage());
            }
        }
        return new Outcome(ticket, result, Instant.now(), ticket.schedule());
    }

    /** Records the run and the schedule's last run, and computes its next run from the end of this one. */
    public Outcome finish(Outcome o) {
        Ticket t = o.ticket();
        TaskResult r = o.result();
        DataAccessException last = null;
        for (int attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
            try {
                Schedule after = databases.mainJdbc().inTransaction(c -> {
                    Jdbc.update(c, "UPDATE SCHEDULE_RUNS SET STATUS = ?, FINISHED_AT = ?, RUN_MESSAGE = ? WHERE ID = ?",
                            r.status(), o.finishedAt(), truncate(r.message(), 4000), t.run().id());
                    Optional<Schedule> now = Jdbc.query(c, "SELECT " + Schedule.COLUMNS + " FROM SCHEDULES WHERE ID = ?", Schedule::map,
                            t.schedule().id()).stream().findFirst();
                    if (now.isEmpty()) {
                        return t.schedule();
                    }
                    Instant next = now.get().enabled() ? nextAfterRun(now.get().timing(), t.context().startedAt(), o.finishedAt()) : null;
                    Jdbc.update(c, "UPDATE SCHEDULES SET LAST_RUN_AT = ?, LAST_STATUS = ?, LAST_MESSAGE = ?, NEXT_RUN_AT = ? WHERE ID = ?",
                            t.context().startedAt(), r.status(), truncate(r.message(), 2000), next, t.schedule().id());
                    return now.get();
                });
                String context = t.schedule().logContext();
                switch (r.status()) {
                    case OK -> log.notice(ScheduleStore.SUBSYSTEM, context, r.message());
                    case WARNING -> log.warning(ScheduleStore.SUBSYSTEM, context, r.message());
                    case ERROR -> log.error(ScheduleStore.SUBSYSTEM, context, r.message(), null);
                }
                return new Outcome(t, r, o.finishedAt(), after);
            } catch (DataAccessException e) {
                // A short conflict with an edit of the same schedule: try again rather than run the task again.
                last = e;
                LOG.warnf("Recording run %d failed (attempt %d of %d): %s", t.run().id(), attempt, RECORD_ATTEMPTS, e.getMessage());
            }
        }
        throw last;
    }

    /**
     * Counted from the start of the run, as the manual's list shows (ran 4:34:03, next 4:44:00);
     * from its end when it ran past that, so a long run is not followed at once by another.
     */
    Instant nextAfterRun(ScheduleTiming timing, Instant startedAt, Instant finishedAt) {
        Instant next = store.nextRunAfter(timing, startedAt);
        return next.isAfter(finishedAt) ? next : store.nextRunAfter(timing, finishedAt);
    }

    /** Mails the result when the schedule asks for it: always, or only on a warning or an error. */
    public void notifyRecipients(Outcome o) {
        Schedule s = o.schedule();
        if (s.notifyTo().isEmpty() || !NotifyRecipients.shouldNotify(s.notifyOnlyProblems(), o.result().isProblem())) {
            return;
        }
        List<String> to = new ArrayList<>();
        List<String> noAddress = new ArrayList<>();
        for (String entry : s.notifyTo()) {
            if (NotifyRecipients.looksLikeAddress(entry)) {
                to.add(entry);
            } else {
                Optional<String> email = databases.mainJdbc().one("SELECT EMAIL FROM USERS WHERE USERNAME = ? AND DELETED_AT IS NULL",
                        rs -> rs.getString(1), entry).filter(e -> !e.isBlank());
                email.ifPresentOrElse(to::add, () -> noAddress.add(entry));
            }
        }
        if (!noAddress.isEmpty()) {
            log.warning(ScheduleStore.SUBSYSTEM, s.logContext(), "No e-mail address for " + String.join(", ", noAddress) + ": not notified");
        }
        if (to.isEmpty()) {
            return;
        }
        // Instants as ISO text: the mail template shows them in the general time zone ($fmt.time).
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("scheduleName", s.name());
        model.put("status", o.result().status().name());
        model.put("startedAt", o.ticket().context().startedAt().toString());
        model.put("finishedAt", o.finishedAt().toString());
        model.put("message", o.result().message());
        try {
            mail.send(new Mail(List.copyOf(to), "Scheduled task " + s.name() + ": " + o.result().status(), MAIL_TEMPLATE, model));
        } catch (RuntimeException e) {
            // The run is recorded; redelivering the message would not run it again, so say it here.
            log.error(ScheduleStore.SUBSYSTEM, s.logContext(), "Could not queue the notification mail to " + String.join(", ", to) + ": "
                    + e.getMessage(), null);
        }
    }

    /** Whether this server is carrying out any run (tests, shutdown diagnostics). */
    public boolean busy() {
        return !inProgress.isEmpty();
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
