package org.ream.central.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ream.central.persistence.Jdbc;

/** One row of SCHEDULES: a task, when it runs, who hears about it, and how it last went. */
public record Schedule(long id, String task, String name, String description, boolean enabled, boolean builtin, ScheduleTiming timing,
        List<String> notifyTo, boolean notifyOnlyProblems, String taskConfig, Instant lastRunAt, String lastStatus, String lastMessage,
        Instant nextRunAt, Instant createdAt) {

    static final String COLUMNS = "ID, TASK, NAME, DESCRIPTION, ENABLED, BUILTIN, REPETITION, REP_INTERVAL, WEEKDAYS, MONTH_DAY, ANCHOR_DATE,"
            + " HOURS_OF_RUN, NOTIFY_TO, NOTIFY_ONLY_PROBLEMS, TASK_CONFIG, LAST_RUN_AT, LAST_STATUS, LAST_MESSAGE, NEXT_RUN_AT, CREATED_AT";

    static Schedule map(ResultSet rs) throws SQLException {
        java.sql.Date anchor = rs.getDate("ANCHOR_DATE");
        int day = rs.getInt("MONTH_DAY");
        Integer monthDay = rs.wasNull() ? null : day;
        ScheduleTiming timing = ScheduleTiming.of(Repetition.valueOf(rs.getString("REPETITION")), rs.getInt("REP_INTERVAL"),
                weekdays(rs.getString("WEEKDAYS")), monthDay, HoursOfRun.parse(rs.getString("HOURS_OF_RUN")),
                anchor == null ? null : anchor.toLocalDate());
        return new Schedule(rs.getLong("ID"), rs.getString("TASK"), rs.getString("NAME"), rs.getString("DESCRIPTION"), rs.getBoolean("ENABLED"),
                rs.getBoolean("BUILTIN"), timing, NotifyRecipients.split(rs.getString("NOTIFY_TO")), rs.getBoolean("NOTIFY_ONLY_PROBLEMS"),
                rs.getString("TASK_CONFIG"), Jdbc.instant(rs, "LAST_RUN_AT"), rs.getString("LAST_STATUS"), rs.getString("LAST_MESSAGE"),
                Jdbc.instant(rs, "NEXT_RUN_AT"), Jdbc.instant(rs, "CREATED_AT"));
    }

    /** WEEKDAYS column: "MONDAY,FRIDAY". */
    static Set<DayOfWeek> weekdays(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    days.add(DayOfWeek.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                }
            }
        }
        return days;
    }

    static String weekdaysText(Set<DayOfWeek> days) {
        if (days == null || days.isEmpty()) {
            return null;
        }
        return String.join(",", EnumSet.copyOf(days).stream().map(DayOfWeek::name).toList());
    }

    /** The log context of the manual: "System Health Check, id=63". */
    public String logContext() {
        return name + ", id=" + id;
    }
}
