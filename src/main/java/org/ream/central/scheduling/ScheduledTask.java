package org.ream.central.scheduling;

import java.util.Map;

/**
 * A kind of work the task scheduler can run (the "Action" column of the manual's task
 * scheduler list). Each kind is a CDI bean; the scheduler finds them all, so a feature adds
 * a task by adding a bean. {@link #run} is called on a scheduler thread, outside any
 * transaction, and may take as long as it needs.
 */
public interface ScheduledTask {

    /** Stable identifier stored in SCHEDULES.TASK (at most 40 characters). */
    String key();

    /** What the task scheduler list shows as the action, in the manual's words. */
    String label();

    /** Does the work. A problem found is a WARNING or ERROR result; an exception is recorded as an ERROR. */
    TaskResult run(TaskContext ctx) throws Exception;

    /** Whether an administrator may add new schedules of this kind ("Add" menu of the task scheduler). */
    boolean addable();

    /**
     * A stand-in until the real task lands. When two beans have the same key, the one that is
     * not a placeholder is used, so a feature takes a task over by adding its own bean with
     * that key; the placeholder can then be deleted at leisure.
     */
    default boolean placeholder() {
        return false;
    }

    /**
     * Checks and normalises the task-specific part of the schedule panel before it is saved.
     * Throw {@code settings.ValidationException} naming the field.
     */
    default Map<String, Object> checkConfig(Map<String, Object> config) {
        return config;
    }
}
