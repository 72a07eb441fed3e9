package org.ream.central.scheduling;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a scheduled task runs: the "Schedule" section of the task panel.
 *
 * <p>Fields a repetition does not use hold a neutral value (interval 1, no weekdays, day of month
 * 0, no hours, no anchor date); any other value there is refused, so that a schedule never keeps
 * a setting that silently does nothing.
 */
public record ScheduleTiming(
        Repetition repetition,
        int interval,
        Set<DayOfWeek> weekdays,
        int dayOfMonth,
        List<LocalTime> hours,
        LocalDate anchorDate) {

    public ScheduleTiming {
        if (repetition == null) {
            throw new InvalidScheduleException("repetition", "Repetition: choose how often the task runs");
        }
        weekdays = weekdays == null || weekdays.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(weekdays));
        hours = hours == null ? List.of() : List.copyOf(new TreeSet<>(hours));

        if (repetition.usesInterval()) {
            if (interval < 1) {
                throw new InvalidScheduleException("interval",
                        intervalLabel(repetition) + ": must be 1 or more, was " + interval);
            }
        } else if (interval != 1) {
            throw new InvalidScheduleException("interval", "Interval: applies only to minute, hourly and"
                    + " every N-th day repetition; " + lower(repetition) + " repetition has none"
                    + " (was " + interval + ")");
        }

        if (repetition == Repetition.WEEKLY) {
            if (weekdays.isEmpty()) {
                throw new InvalidScheduleException("weekdays", "Day: choose at least one weekday for weekly repetition");
            }
        } else if (!weekdays.isEmpty()) {
            throw new InvalidScheduleException("weekdays", "Day: weekdays apply only to weekly repetition, not "
                    + lower(repetition));
        }

        if (repetition == Repetition.MONTHLY) {
            if (dayOfMonth < 1 || dayOfMonth > 31) {
                throw new InvalidScheduleException("dayOfMonth",
                        "Day of month: must be 1 to 31, was " + dayOfMonth);
            }
        } else if (dayOfMonth != 0) {
            throw new InvalidScheduleException("dayOfMonth", "Day of month: applies only to monthly repetition, not "
                    + lower(repetition));
        }

        if (repetition.usesHours()) {
            if (hours.isEmpty()) {
                throw new InvalidScheduleException("hours", HoursOfRun.LABEL + ": required for "
                        + lower(repetition) + " repetition; use " + HoursOfRun.FORMATS);
            }
            hours.forEach(HoursOfRun::requireWholeMinute);
        } else if (!hours.isEmpty()) {
            throw new InvalidScheduleException("hours", HoursOfRun.LABEL + ": do not apply to "
                    + lower(repetition) + " repetition, which runs every " + interval
                    + (repetition == Repetition.MINUTE ? " minute(s)" : " hour(s)"));
        }

        if (repetition == Repetition.EVERY_NTH_DAY) {
            if (anchorDate == null) {
                throw new InvalidScheduleException("anchorDate",
                        "Start date: required for every N-th day repetition, days are counted from it");
            }
        } else if (anchorDate != null) {
            throw new InvalidScheduleException("anchorDate", "Start date: applies only to every N-th day"
                    + " repetition, not " + lower(repetition));
        }
    }

    /**
     * For a form or a stored row, where a field the repetition does not use arrives empty: a null
     * interval or day of month, or null collections, mean "not given".
     */
    public static ScheduleTiming of(Repetition repetition, Integer interval, Set<DayOfWeek> weekdays,
            Integer dayOfMonth, List<LocalTime> hours, LocalDate anchorDate) {
        int n;
        if (interval != null) {
            n = interval;
        } else if (repetition != null && repetition.usesInterval()) {
            throw new InvalidScheduleException("interval", intervalLabel(repetition) + ": required");
        } else {
            n = 1;
        }
        return new ScheduleTiming(repetition, n, weekdays, dayOfMonth == null ? 0 : dayOfMonth, hours, anchorDate);
    }

    public static ScheduleTiming everyMinutes(int minutes) {
        return new ScheduleTiming(Repetition.MINUTE, minutes, Set.of(), 0, List.of(), null);
    }

    public static ScheduleTiming everyHours(int hours) {
        return new ScheduleTiming(Repetition.HOURLY, hours, Set.of(), 0, List.of(), null);
    }

    public static ScheduleTiming daily(List<LocalTime> hours) {
        return new ScheduleTiming(Repetition.DAILY, 1, Set.of(), 0, hours, null);
    }

    public static ScheduleTiming weekly(Set<DayOfWeek> weekdays, List<LocalTime> hours) {
        return new ScheduleTiming(Repetition.WEEKLY, 1, weekdays, 0, hours, null);
    }

    public static ScheduleTiming monthly(int dayOfMonth, List<LocalTime> hours) {
        return new ScheduleTiming(Repetition.MONTHLY, 1, Set.of(), dayOfMonth, hours, null);
    }

    public static ScheduleTiming everyNthDay(int days, LocalDate anchorDate, List<LocalTime> hours) {
        return new ScheduleTiming(Repetition.EVERY_NTH_DAY, days, Set.of(), 0, hours, anchorDate);
    }

    private static String intervalLabel(Repetition repetition) {
        return switch (repetition) {
            case MINUTE -> "Every N minutes";
            case HOURLY -> "Every N hours";
            default -> "Every N-th day";
        };
    }

    private static String lower(Repetition repetition) {
        return repetition.label().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return switch (repetition) {
            case MINUTE -> "every " + interval + " minute(s)";
            case HOURLY -> "every " + interval + " hour(s)";
            case DAILY -> "daily at " + HoursOfRun.format(hours);
            case WEEKLY -> "weekly on " + weekdays + " at " + HoursOfRun.format(hours);
            case MONTHLY -> "monthly on day " + dayOfMonth + " at " + HoursOfRun.format(hours);
            case EVERY_NTH_DAY -> "every " + interval + " day(s) from " + anchorDate + " at "
                    + HoursOfRun.format(hours);
        };
    }
}
