package org.ream.central.scheduling.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.ream.central.export.Column;
import org.ream.central.export.ExportOptions;
import org.ream.central.export.TabularFormat;
import org.ream.central.export.TabularWriter;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.scheduling.ScheduledTask;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.settings.SettingsStore;

/**
 * Audit log export on a schedule (5.6, "Export schedule"): each run writes the audit entries
 * since the previous run to a CSV file in data/exports, so consecutive files cover the log
 * without gaps or overlaps. The first run exports everything the audit log still holds.
 */
@ApplicationScoped
public class AuditExportTask implements ScheduledTask {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    DataDir dataDir;

    @Override
    public String key() {
        return TaskKeys.AUDIT_EXPORT;
    }

    @Override
    public String label() {
        return "Audit Log Export";
    }

    @Override
    public boolean addable() {
        return true;
    }

    @Override
    public TaskResult run(TaskContext ctx) throws Exception {
        ZoneId zone = ctx.zone();
        Instant to = ctx.startedAt();
        Optional<Instant> from = ctx.previousRunAt().filter(p -> p.isBefore(to));
        Path exports = dataDir.resolve("exports");
        Files.createDirectories(exports);
        String stamp = LocalDateTime.ofInstant(to, zone).format(STAMP);
        // Written aside (one file per run) and moved in place, so a reader never sees half a file.
        Path partial = exports.resolve("AuditLog_" + stamp + "_" + ctx.runId() + ".part");
        long rows = 0;
        String sql = "SELECT CREATED_AT, DESCRIPTION, AUDIT_CONTEXT, USER_NAME, SUBSYSTEM, EVENT_TYPE, DETAILS FROM AUDIT_LOG WHERE CREATED_AT < ?"
                + (from.isPresent() ? " AND CREATED_AT >= ?" : "") + " ORDER BY CREATED_AT, ID";
        // The same writer as the audit log page's export: UTF-8 with BOM, the configured delimiter,
        // and cells that a spreadsheet would run as formulas are neutralised.
        ExportOptions options = ExportOptions.of(settings.get("general.csvDelimiter"), zone, "Audit log");
        List<Column> columns = List.of(Column.dateTime("Time (" + zone.getId() + ")"), Column.text("Description", 50), Column.text("Context", 24),
                Column.text("User", 28), Column.text("Subsystem", 14), Column.text("Event type", 22), Column.text("Details", 60));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
            TabularWriter w = TabularWriter.open(TabularFormat.CSV, out, columns, options);
            Object[] params = from.isPresent() ? new Object[] {to, from.get()} : new Object[] {to};
            databases.mainJdbc().stream(sql, params, Integer.MAX_VALUE, rs -> new Object[] {Jdbc.instant(rs, "CREATED_AT"), rs.getString("DESCRIPTION"),
                    rs.getString("AUDIT_CONTEXT"), rs.getString("USER_NAME"), rs.getString("SUBSYSTEM"), rs.getString("EVENT_TYPE"), rs.getString("DETAILS")},
                    w::row);
            w.finish();
            rows = w.rows();
        } catch (Exception e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Path target = publish(partial, exports.resolve("AuditLog_" + stamp + ".csv"));
        if (target == null) {
            // Another export in the same second: this run's id tells the two apart.
            target = publish(partial, exports.resolve("AuditLog_" + stamp + "_" + ctx.runId() + ".csv"));
        }
        String period = from.map(f -> "from " + TIME.format(f.atZone(zone)) + " ").orElse("") + "until " + TIME.format(to.atZone(zone));
        return TaskResult.ok("Exported " + rows + " audit log entr" + (rows == 1 ? "y" : "ies") + " (" + period + ") to exports/"
                + target.getFileName());
    }

    /** Gives the finished file its name unless that name is taken (then null); never replaces a file. */
    static Path publish(Path partial, Path target) throws IOException {
        try {
            // A hard link appears complete and fails if the name exists: no check-then-act race.
            Files.createLink(target, partial);
            Files.delete(partial);
            return target;
        } catch (FileAlreadyExistsException e) {
            return null;
        } catch (UnsupportedOperationException | IOException e) {
            // A file system without hard links.
            if (Files.exists(target)) {
                return null;
            }
            Files.move(partial, target);
            return target;
        }
    }
}
