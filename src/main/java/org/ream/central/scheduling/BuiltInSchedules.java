package org.ream.central.scheduling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalTime;
import java.util.List;
import org.jboss.logging.Logger;
import org.ream.central.platform.Bootstrap;
import org.ream.central.scheduling.ScheduleStore.BuiltIn;
import org.ream.central.scheduling.tasks.TaskKeys;

/**
 * The seven predefined schedules of the manual's task scheduler (6.3), added at start when
 * missing. One an administrator has edited or disabled stays as it is.
 */
@ApplicationScoped
public class BuiltInSchedules {

    private static final Logger LOG = Logger.getLogger(BuiltInSchedules.class);
    private static final List<LocalTime> THREE_AM = List.of(LocalTime.of(3, 0));

    /** In the manual's order, which is also the order runs due at the same time are queued in. */
    public static final List<BuiltIn> ALL = List.of(
            new BuiltIn(TaskKeys.HEALTH_CHECK, "System Health Check",
                    "Checks the free disk space of the data folder, the main and log databases and the message broker.",
                    ScheduleTiming.everyMinutes(10), true),
            new BuiltIn(TaskKeys.HISTORY_DELETION, "History deletion",
                    "Deletes sessions, archived reports, audit log and log entries older than the history periods (System management).",
                    ScheduleTiming.daily(THREE_AM), true),
            new BuiltIn(TaskKeys.REPLICATION, "Data replication from sites", "Downloads the data of the sites.",
                    ScheduleTiming.daily(THREE_AM), true),
            new BuiltIn(TaskKeys.SYSTEM_MAINTENANCE, "System maintenance",
                    "Removes expired web sessions, old temporary files and old task run history.",
                    ScheduleTiming.daily(THREE_AM), true),
            new BuiltIn(TaskKeys.DATABASE_BACKUP, "Database and settings backup", "Backs up the main database and the settings.",
                    ScheduleTiming.daily(THREE_AM), true),
            new BuiltIn(TaskKeys.LOG_BACKUP, "Log backup", "Backs up the log database.",
                    ScheduleTiming.daily(THREE_AM), false),
            new BuiltIn(TaskKeys.USER_SYNC, "User Synchronization", "Synchronises users from the configured sources.",
                    ScheduleTiming.daily(THREE_AM), false));

    @Inject
    ScheduleStore store;

    @Inject
    SchedulerDispatch dispatch;

    /** Database work only: runs on the bootstrap thread while Camel boots. */
    void onPrepared(@Observes Bootstrap.Prepared prepared) {
        try {
            int added = registerMissing();
            int fixed = store.recomputeNextRuns(false);
            if (added + fixed > 0) {
                LOG.infof("Task scheduler: %d built-in schedule(s) added, %d next run(s) computed", added, fixed);
            }
        } catch (RuntimeException e) {
            // The server is useful without its scheduler; the next start tries again.
            LOG.error("Task scheduler could not be prepared", e);
        }
    }

    /** Runs queued before a stop go to the queue again: needs the routes. */
    void onReady(@Observes Bootstrap.Ready ready) {
        try {
            int requeued = dispatch.requeueQueuedRuns();
            if (requeued > 0) {
                LOG.infof("Task scheduler: %d queued run(s) sent again", requeued);
            }
        } catch (RuntimeException e) {
            LOG.error("Queued runs could not be sent again", e);
        }
    }

    /** Idempotent: adds only the built-in schedules that do not exist. */
    public int registerMissing() {
        int added = 0;
        for (BuiltIn b : ALL) {
            if (store.registerBuiltIn(b)) {
                added++;
            }
        }
        return added;
    }
}
