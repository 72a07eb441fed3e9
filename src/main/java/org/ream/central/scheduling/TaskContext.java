package org.ream.central.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a task knows about the run it performs.
 *
 * @param previousRunAt when the previous run of this schedule started, empty if it never ran
 *                      (an export covers [previousRunAt, startedAt) so consecutive files neither overlap nor leave gaps)
 * @param triggeredBy   user name of whoever asked for a manual run, or *system for a scheduled one
 * @param config        the task-specific settings of the schedule (TASK_CONFIG), never null
 * @param zone          the general time-zone setting, in which the schedule's times are meant
 */
public record TaskContext(long scheduleId, String scheduleName, long runId, Instant startedAt, Optional<Instant> previousRunAt,
        String triggeredBy, Map<String, Object> config, ZoneId zone) {

    public TaskContext {
        previousRunAt = previousRunAt == null ? Optional.empty() : previousRunAt;
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** "System Health Check, id=63": the context column of the log entries the run writes. */
    public String logContext() {
        return scheduleName + ", id=" + scheduleId;
    }
}
