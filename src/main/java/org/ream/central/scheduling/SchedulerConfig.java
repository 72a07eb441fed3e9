package org.ream.central.scheduling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Tunables of the task scheduler and of the housekeeping tasks it runs. The tick itself is
 * {@code ream.scheduler.tick} (platform.ReamConfig).
 */
@ConfigMapping(prefix = "ream.scheduler")
public interface SchedulerConfig {

    /** Runs executed at the same time (consumers of the scheduler.runs queue). */
    @WithDefault("2")
    int concurrentRuns();

    /**
     * An unfinished run (queued or running) older than this no longer keeps its schedule from
     * being queued again: its message was lost (dead-lettered) and it is closed as an error.
     */
    @WithDefault("24h")
    Duration abandonRunAfter();

    /** History deletion: rows deleted per transaction. */
    @WithDefault("10000")
    int deleteChunk();

    /** System maintenance: runs kept in each schedule's run history. */
    @WithDefault("1000")
    int runsKeptPerSchedule();

    /** System Health Check: how long reaching the message broker may take before it counts as down. */
    @WithDefault("5s")
    Duration probeTimeout();

    /** System maintenance: files in data/tmp older than this are removed. */
    @WithDefault("1d")
    Duration tmpMaxAge();
}
