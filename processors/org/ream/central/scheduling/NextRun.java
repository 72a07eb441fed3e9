package org.ream.central.scheduling;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** When a schedule runs next, on the server's time zone. */
public final class NextRun {

    private NextRun() {
    }

    /**
     * The first run strictly after {@code lastOrNow} (the last run, or the moment the schedule
     * was enabled if it never ran), in {@code zone}.
     *
     * <p>Counting from the last run rather than from the previous planned run means a server that
     * was down for a while runs a missed task once, not once per missed slot.
     */
    public static ZonedDateTime after(ScheduleTiming timing, ZonedDateTime lastOrNow, ZoneId zone) {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(lastOrNow, "lastOrNow");
        Objects.requireNonNull(zone, "zone");
        ZonedDateTime from = lastOrNow.withZoneSameInstant(zone);
        return switch (timing.repetition()) {
            // Elapsed time, not wall-clock time: "every 10 minutes" stays 10 minutes apart across
            // a DST change. Whole minutes keep a late start from creeping into the next runs
            // (the manual's health check ran at 4:34:03 and is next due at 4:44:00).
            case MINUTE -> from.truncatedTo(ChronoUnit.MINUTES).plusMinutes(timing.interval());
            case HOURLY -> from.truncatedTo(ChronoUnit.MINUTES).plusHours(timing.interval());
            default -> atHoursOfRun(timing, from);
        };
    }

    /** Whether a schedule that last ran (or was enabled) at {@code lastRun} should run at {@code now}. */
    public static boolean isDue(ScheduleTiming timing, ZonedDateTime lastRun, ZonedDateTime now) {
        Objects.requireNonNull(now, "now");
        return !after(timing, lastRun, now.getZone()).isAfter(now);
    }

    /** The next {@code count} runs after {@code from}, as the task scheduler list previews them. */
    public static List<ZonedDateTime> upcoming(ScheduleTiming timing, ZonedDateTime from, ZoneId zone, int count) {
        List<ZonedDateTime> runs = new ArrayList<>(count);
        ZonedDateTime at = from;
        for (int i = 0; i < count; i++) {
            at = after(timing, at, zone);
            runs.add(at);
        }
        return runs;
    }

    private static ZonedDateTime atHoursOfRun(ScheduleTiming timing, ZonedDateTime from) {
        ZoneId zone = from.getZone();
        // A wall-clock time that falls in a spring-forward gap is moved later by the gap (02:30
        // becomes 03:30), so it still runs that day; in a fall-back overlap the earlier offset is
        // taken, so it runs once. Both are what ZonedDateTime.of does. A moved time can pass a
        // later hour of the same day, or even midnight, so the earliest candidate is kept rather
        // than the first in list order, and the search starts one day early.
        ZonedDateTime best = null;
        LocalDate day = firstRunDay(timing, from.toLocalDate().minusDays(1));
        while (best == null || day.atStartOfDay(zone).isBefore(best)) {
            for (LocalTime hour : timing.hours()) {
                ZonedDateTime candidate = ZonedDateTime.of(day, hour, zone);
                if (candidate.isAfter(from) && (best == null || candidate.isBefore(best))) {
                    best = candidate;
                }
            }
            day = firstRunDay(timing, day.plusDays(1));
        }
        return best;
    }

    /** The first day on or after {@code day} on which the schedule runs at all. */
    static LocalDate firstRunDay(ScheduleTiming timing, LocalDate day) {
        return switch (timing.repetition()) {
            case DAILY -> day;
            case WEEKLY -> {
                LocalDate d = day;
                while (!timing.weekdays().contains(d.getDayOfWeek())) {
                    d = d.plusDays(1);
                }
                yield d;
            }
            case MONTHLY -> {
                LocalDate inMonth = monthlyRunDay(timing.dayOfMonth(), day);
                yield inMonth.isBefore(day) ? monthlyRunDay(timing.dayOfMonth(), day.plusMonths(1)) : inMonth;
            }
            case EVERY_NTH_DAY -> {
                LocalDate anchor = timing.anchorDate();
                if (day.isBefore(anchor)) {
                    yield anchor;
                }
                int late = Math.floorMod(ChronoUnit.DAYS.between(anchor, day), timing.interval());
                yield late == 0 ? day : day.plusDays(timing.interval() - late);
            }
            default -> throw new IllegalArgumentException(timing.repetition() + " does not run at hours of run");
        };
    }

    // A month without the chosen day (31 in April, 29 to 31 in February) runs on its last day,
    // rather than skipping the month.
    private static LocalDate monthlyRunDay(int dayOfMonth, LocalDate inMonth) {
        return inMonth.withDayOfMonth(Math.min(dayOfMonth, inMonth.lengthOfMonth()));
    }
}
