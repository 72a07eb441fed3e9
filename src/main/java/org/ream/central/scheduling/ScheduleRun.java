package org.ream.central.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.ream.central.persistence.Jdbc;

/**
 * One row of SCHEDULE_RUNS. STATUS is QUEUED (message on the scheduler.runs queue), RUNNING,
 * then the task's OK, WARNING or ERROR. STARTED_AT holds the time the run was queued until it starts.
 */
public record ScheduleRun(long id, long scheduleId, String triggeredBy, String status, Instant startedAt, Instant finishedAt, String message) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";

    static final String COLUMNS = "ID, SCHEDULE_ID, TRIGGERED_BY, STATUS, STARTED_AT, FINISHED_AT, RUN_MESSAGE";

    static ScheduleRun map(ResultSet rs) throws SQLException {
        return new ScheduleRun(rs.getLong("ID"), rs.getLong("SCHEDULE_ID"), rs.getString("TRIGGERED_BY"), rs.getString("STATUS"),
                Jdbc.instant(rs, "STARTED_AT"), Jdbc.instant(rs, "FINISHED_AT"), rs.getString("RUN_MESSAGE"));
    }

    public boolean finished() {
        return !QUEUED.equals(status) && !RUNNING.equals(status);
    }
}
