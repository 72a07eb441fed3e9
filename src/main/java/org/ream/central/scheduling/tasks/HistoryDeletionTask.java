package org.ream.central.scheduling.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.scheduling.ScheduledTask;
import org.ream.central.scheduling.SchedulerConfig;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.settings.SettingsStore;

/**
 * History deletion (6.13.2): removes what is older than the periods of the History section of
 * System management, a chunk at a time.
 */
@ApplicationScoped
public class HistoryDeletionTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(HistoryDeletionTask.class);

    /** A table whose rows date from {@code column}: a DATE ({@code dateOnly}) or a UTC TIMESTAMP. */
    public record DatedTable(String table, String column, boolean dateOnly) {
    }

    /**
     * Replicated session data, deleted after "Delete history older than" (history.sessionsDays).
     * Add the tables replication brings here, children before the tables they reference.
     */
    public static final List<DatedTable> SESSION_TABLES = List.of(
            new DatedTable("DAILY_PAGE_TOTALS", "PAGE_DAY", true));

    /**
     * Printer events, deleted after "Delete printer events older than" (history.printerEventsDays).
     * This server keeps none yet; add the table here when it does.
     */
    public static final List<DatedTable> PRINTER_EVENT_TABLES = List.of();

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    SchedulerConfig config;

    @Inject
    DataDir dataDir;

    @Override
    public String key() {
        return TaskKeys.HISTORY_DELETION;
    }

    @Override
    public String label() {
        return "History deletion";
    }

    @Override
    public boolean addable() {
        return false;
    }

    @Override
    public TaskResult run(TaskContext ctx) {
        Instant now = ctx.startedAt();
        LocalDate today = LocalDate.ofInstant(now, ctx.zone());
        int chunk = config.deleteChunk();
        List<String> done = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        int sessionDays = settings.getInt("history.sessionsDays");
        long sessions = purge(SESSION_TABLES, sessionDays, now, today, chunk).rows();
        done.add(sessions + " replicated session row(s) older than " + sessionDays + " days");

        if (PRINTER_EVENT_TABLES.isEmpty()) {
            done.add("no printer events (none kept yet)");
        } else {
            int days = settings.getInt("history.printerEventsDays");
            done.add(purge(PRINTER_EVENT_TABLES, days, now, today, chunk).rows() + " printer event(s) older than " + days + " days");
        }

        int reportDays = settings.getInt("history.reportsDays");
        long[] reports = purgeReports(now.minus(Duration.ofDays(reportDays)), chunk, problems);
        done.add(reports[0] + " archived report(s) (" + reports[1] + " file(s)) older than " + reportDays + " days");

        int auditDays = settings.getInt("history.auditDays");
        long audit = ChunkedDelete.run(databases.mainJdbc(), databases.mainDialect(), "AUDIT_LOG", "CREATED_AT < ?", chunk,
                now.minus(Duration.ofDays(auditDays))).rows();
        done.add(audit + " audit log entr" + (audit == 1 ? "y" : "ies") + " older than " + auditDays + " days");

        int logDays = settings.getInt("log.retentionDays");
        Instant logCutoff = now.minus(Duration.ofDays(logDays));
        ChunkedDelete.run(databases.logJdbc(), databases.logDialect(), "LOG_HIGHLIGHTS",
                "ENTRY_ID IN (SELECT ID FROM LOG_ENTRIES WHERE CREATED_AT < ?)", chunk, logCutoff);
        long log = ChunkedDelete.run(databases.logJdbc(), databases.logDialect(), "LOG_ENTRIES", "CREATED_AT < ?", chunk, logCutoff).rows();
        done.add(log + " log entr" + (log == 1 ? "y" : "ies") + " older than " + logDays + " days");

        String message = "Deleted " + String.join(", ", done) + "."
                + (problems.isEmpty() ? "" : " Problems: " + String.join("; ", problems));
        return problems.isEmpty() ? TaskResult.ok(message) : TaskResult.warning(message);
    }

    /** Deletes the rows of the tables older than {@code days}; tables in list order. */
    public ChunkedDelete.Result purge(List<DatedTable> tables, int days, Instant now, LocalDate today, int chunk) {
        ChunkedDelete.Result total = ChunkedDelete.NONE;
        for (DatedTable t : tables) {
            Object cutoff = t.dateOnly() ? today.minusDays(days) : now.minus(Duration.ofDays(days));
            total = total.plus(ChunkedDelete.run(databases.mainJdbc(), databases.mainDialect(), t.table(), t.column() + " < ?", chunk, cutoff));
        }
        return total;
    }

    private record ReportRun(long id, String file) {
    }

    /** Report runs and their output files: rows of one chunk in one transaction, then their files. */
    private long[] purgeReports(Instant cutoff, int chunk, List<String> problems) {
        Jdbc main = databases.mainJdbc();
        Path root = dataDir.root();
        long rows = 0;
        long files = 0;
        while (true) {
            List<ReportRun> batch = main.query("SELECT ID, OUTPUT_FILE FROM REPORT_RUNS WHERE STARTED_AT < ? ORDER BY STARTED_AT, ID"
                    + " OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY", rs -> new ReportRun(rs.getLong(1), rs.getString(2)), cutoff, chunk);
            if (batch.isEmpty()) {
                break;
            }
            main.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM REPORT_RUNS WHERE ID = ?")) {
                    for (ReportRun r : batch) {
                        ps.setLong(1, r.id());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
            rows += batch.size();
            for (ReportRun r : batch) {
                if (r.file() == null || r.file().isBlank()) {
                    continue;
                }
                try {
                    Path file = root.resolve(r.file()).normalize();
                    if (!file.startsWith(root)) {
                        problems.add("report file " + r.file() + " is outside the data folder and was kept");
                    } else if (Files.deleteIfExists(file)) {
                        files++;
                    }
                } catch (IOException | InvalidPathException e) {
                    LOG.warnf("Could not delete the report file %s: %s", r.file(), e.toString());
                    problems.add("report file " + r.file() + " could not be deleted (" + e.getMessage() + ")");
                }
            }
            if (batch.size() < chunk) {
                break;
            }
        }
        return new long[] {rows, files};
    }
}
