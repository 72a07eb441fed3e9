package org.ream.central.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ream.central.scheduling.ScheduledTask;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.scheduling.tasks.DataDir;
import org.ream.central.scheduling.tasks.TaskKeys;
import org.ream.central.settings.ValidationException;

/**
 * The two backup schedules of the manual's task scheduler (6.3): "Database and settings
 * backup" and "Log backup". Task settings (TASK_CONFIG): {@code password} to protect the
 * archive, {@code keep} how many archives to keep (default 7).
 */
public final class BackupTasks {

    private BackupTasks() {
    }

    abstract static class BackupTask implements ScheduledTask {

        @Inject
        BackupService backups;

        @Inject
        DataDir dataDir;

        abstract BackupService.Kind kind();

        @Override
        public String label() {
            return "Schedule Backup";
        }

        @Override
        public boolean addable() {
            return false;
        }

        @Override
        public TaskResult run(TaskContext ctx) {
            Object pw = ctx.config().get("password");
            BackupService.Result r = backups.backup(dataDir.root(), kind(), pw == null ? null : pw.toString(), ctx.zone());
            int removed = backups.prune(dataDir.root(), kind(), keep(ctx.config().get("keep")));
            String msg = "Backup " + r.file().getFileName() + " (" + r.bytes() / 1024 + " KB)" + (removed > 0 ? ", " + removed + " old archive(s) removed" : "");
            return r.note().isEmpty() ? TaskResult.ok(msg) : TaskResult.warning(msg + ". " + r.note());
        }

        @Override
        public java.util.Map<String, Object> checkConfig(java.util.Map<String, Object> config) {
            keep(config.get("keep"));
            return config;
        }

        static int keep(Object value) {
            if (value == null || value.toString().isBlank()) {
                return 7;
            }
            try {
                int n = Integer.parseInt(value.toString().trim());
                if (n < 1 || n > 1000) {
                    throw new ValidationException("keep", "must be between 1 and 1000");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ValidationException("keep", "'" + value + "' is not a whole number");
            }
        }
    }

    @ApplicationScoped
    public static class DatabaseBackupTask extends BackupTask {
        @Override
        public String key() {
            return TaskKeys.DATABASE_BACKUP;
        }

        @Override
        BackupService.Kind kind() {
            return BackupService.Kind.DATA;
        }
    }

    @ApplicationScoped
    public static class LogBackupTask extends BackupTask {
        @Override
        public String key() {
            return TaskKeys.LOG_BACKUP;
        }

        @Override
        BackupService.Kind kind() {
            return BackupService.Kind.LOG;
        }
    }
}
