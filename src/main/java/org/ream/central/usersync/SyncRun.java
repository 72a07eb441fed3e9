package org.ream.central.usersync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.ream.central.persistence.Jdbc;

/** A row of SYNC_RUNS: one "synchronise now" or scheduled run over one or several sources. */
public record SyncRun(long id, String sourceIds, boolean dryRun, boolean fullRun, String status, String phase, int done, int total, int added,
        int updated, int deactivated, int unchanged, int failed, Instant startedAt, Instant finishedAt, String summary, String resultFile,
        String triggeredBy) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String OK = "OK";
    public static final String WARNING = "WARNING";
    public static final String ERROR = "ERROR";

    static final String COLUMNS = "ID, SOURCE_IDS, DRY_RUN, FULL_RUN, STATUS, PHASE, DONE_COUNT, TOTAL_COUNT, ADDED_COUNT, UPDATED_COUNT,"
            + " DEACTIVATED_COUNT, UNCHANGED_COUNT, FAILED_COUNT, STARTED_AT, FINISHED_AT, SUMMARY, RESULT_FILE, TRIGGERED_BY";

    static SyncRun map(ResultSet rs) throws SQLException {
        return new SyncRun(rs.getLong("ID"), rs.getString("SOURCE_IDS"), rs.getBoolean("DRY_RUN"), rs.getBoolean("FULL_RUN"), rs.getString("STATUS").trim(),
                rs.getString("PHASE"), rs.getInt("DONE_COUNT"), rs.getInt("TOTAL_COUNT"), rs.getInt("ADDED_COUNT"), rs.getInt("UPDATED_COUNT"),
                rs.getInt("DEACTIVATED_COUNT"), rs.getInt("UNCHANGED_COUNT"), rs.getInt("FAILED_COUNT"), Jdbc.instant(rs, "STARTED_AT"),
                Jdbc.instant(rs, "FINISHED_AT"), rs.getString("SUMMARY"), rs.getString("RESULT_FILE"), rs.getString("TRIGGERED_BY"));
    }

    public boolean finished() {
        return finishedAt != null;
    }

    public java.util.List<Long> sources() {
        if (sourceIds == null || sourceIds.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(sourceIds.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
    }
}
