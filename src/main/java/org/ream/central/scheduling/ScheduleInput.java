package org.ream.central.scheduling;

import java.util.List;
import java.util.Map;

/**
 * The schedule panel as the web UI sends it. On update, a field left out (null) keeps its
 * value; the timing fields (repetition, interval, weekdays, dayOfMonth, hours, anchorDate)
 * are one unit: when any of them is sent, the timing is rebuilt from the ones sent (the
 * current repetition if it is left out) and the others are empty.
 *
 * @param hours      "Hours of run" as typed: "3", "03:00", "9:30, 2 pm"
 * @param weekdays   MONDAY ... SUNDAY
 * @param anchorDate yyyy-MM-dd, first day of an every N-th day repetition
 * @param notifyTo   e-mail addresses or user names
 */
public record ScheduleInput(String task, String name, String description, Boolean enabled, String repetition, Integer interval,
        List<String> weekdays, Integer dayOfMonth, String hours, String anchorDate, List<String> notifyTo, Boolean notifyOnlyProblems,
        Map<String, Object> taskConfig) {

    boolean hasTiming() {
        return repetition != null || interval != null || weekdays != null || dayOfMonth != null || hours != null || anchorDate != null;
    }
}
