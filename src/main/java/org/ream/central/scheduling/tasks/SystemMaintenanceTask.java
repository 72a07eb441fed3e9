package org.ream.central.scheduling.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.ream.central.persistence.Databases;
import org.ream.central.scheduling.ScheduledTask;
import org.ream.central.scheduling.SchedulerConfig;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.security.WebSessions;

/**
 * System maintenance: the small clean-ups that keep the server tidy. Removes expired web
 * sessions, files left in data/tmp, and task runs beyond the history each schedule keeps.
 */
@ApplicationScoped
public class SystemMaintenanceTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(SystemMaintenanceTask.class);

    @Inject
    WebSessions sessions;

    @Inject
    Databases databases;

    @Inject
    SchedulerConfig config;

    @Inject
    DataDir dataDir;

    @Override
    public String key() {
        return TaskKeys.SYSTEM_MAINTENANCE;
    }

    @Override
    public String label() {
        return "System maintenance";
    }

    @Override
    public boolean addable() {
        return false;
    }

    @Override
    public TaskResult run(TaskContext ctx) {
        List<String> problems = new ArrayList<>();
        int webSessions = sessions.purgeExpired();
        long[] tmp = cleanTmp(ctx.startedAt().minus(config.tmpMaxAge()), problems);
        long runs = trimRunHistory(config.runsKeptPerSchedule());
        String message = "Removed " + webSessions + " expired web session(s), " + tmp[0] + " temporary file(s) and " + tmp[1]
                + " folder(s) older than " + config.tmpMaxAge().toHours() + " h, " + runs + " old task run(s) (kept "
                + config.runsKeptPerSchedule() + " per schedule).";
        return problems.isEmpty() ? TaskResult.ok(message) : TaskResult.warning(message + " Problems: " + String.join("; ", problems));
    }

    /** Files in data/tmp last modified before {@code cutoff}, then the folders they leave empty. */
    long[] cleanTmp(Instant cutoff, List<String> problems) {
        Path tmp = dataDir.resolve("tmp");
        long[] removed = new long[2];
        Map<Path, Instant> modifiedBefore = new HashMap<>();
        if (!Files.isDirectory(tmp)) {
            return removed;
        }
        try {
            Files.walkFileTree(tmp, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        try {
                            Files.delete(file);
                            removed[0]++;
                        } catch (IOException e) {
                            problems.add("could not delete " + tmp.relativize(file) + " (" + e + ")");
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add("could not read " + file + " (" + e + ")");
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // Deleting its files makes a folder look new: judge it by its time before that.
                    modifiedBefore.put(dir, attrs.lastModifiedTime().toInstant());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    // A folder still in use has recent files (kept above) or was just made.
                    Instant modified = modifiedBefore.remove(dir);
                    if (!dir.equals(tmp) && modified != null && modified.isBefore(cutoff) && isEmpty(dir)) {
                        Files.delete(dir);
                        removed[1]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Cleaning data/tmp stopped", e);
            problems.add("cleaning " + tmp + " stopped (" + e + ")");
        }
        return removed;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Keeps the newest {@code keep} runs of each schedule; queued and running ones are never touched. */
    long trimRunHistory(int keep) {
        long removed = 0;
        List<Long> schedules = databases.mainJdbc().query("SELECT DISTINCT SCHEDULE_ID FROM SCHEDULE_RUNS", rs -> rs.getLong(1));
        for (long scheduleId : schedules) {
            Instant oldestKept = databases.mainJdbc().one("SELECT STARTED_AT FROM SCHEDULE_RUNS WHERE SCHEDULE_ID = ?"
                    + " ORDER BY STARTED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY",
                    rs -> org.ream.central.persistence.Jdbc.instant(rs, "STARTED_AT"), scheduleId, Math.max(1, keep) - 1).orElse(null);
            if (oldestKept != null) {
                removed += ChunkedDelete.run(databases.mainJdbc(), databases.mainDialect(), "SCHEDULE_RUNS",
                        "SCHEDULE_ID = ? AND STARTED_AT < ? AND STATUS NOT IN ('QUEUED', 'RUNNING')", config.deleteChunk(),
                        scheduleId, oldestKept).rows();
            }
        }
        return removed;
    }
}
