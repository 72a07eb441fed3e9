package org.ream.central.scheduling.tasks;

/** Keys of the task types stored in SCHEDULES.TASK. A feature that takes a task over uses the same key. */
public final class TaskKeys {

    public static final String HEALTH_CHECK = "healthCheck";
    public static final String HISTORY_DELETION = "historyDeletion";
    public static final String REPLICATION = "replication";
    public static final String SYSTEM_MAINTENANCE = "systemMaintenance";
    public static final String DATABASE_BACKUP = "databaseBackup";
    public static final String LOG_BACKUP = "logBackup";
    public static final String USER_SYNC = "userSync";
    public static final String AUDIT_EXPORT = "auditExport";

    private TaskKeys() {
    }
}
