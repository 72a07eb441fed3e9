package org.ream.central.scheduling;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The "Hours of run" field: the text a user types, and the times of day it stands for. */
public final class HoursOfRun {

    public static final String LABEL = "Hours of run";
    public static final String FORMATS = "hh:mm, hh, h:mm, hh am or hh pm";

    // Minutes take two digits so that "9:5" is refused rather than guessed as 09:05 or 09:50.
    // "a" and "p" alone are the manual's own "hh p" spelling.
    private static final Pattern TIME = Pattern.compile(
            "([0-9]{1,2})(?::([0-9]{2}))?(?:\\s*(am|pm|a|p))?");
    private static final Pattern SEPARATOR = Pattern.compile("[,;]");
    private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private HoursOfRun() {
    }

    /**
     * Blank text gives an empty list: whether hours are required depends on the repetition,
     * which {@link ScheduleTiming} checks.
     */
    public static List<LocalTime> parse(String text) {
        TreeSet<LocalTime> times = new TreeSet<>();
        if (text == null) {
            return List.of();
        }
        for (String value : SEPARATOR.split(text, -1)) {
            String trimmed = value.strip();
            // A trailing or doubled separator ("9:00; 14:00;") is a slip, not a wrong time.
            if (!trimmed.isEmpty()) {
                times.add(parseOne(trimmed));
            }
        }
        return List.copyOf(times);
    }

    public static LocalTime parseOne(String value) {
        String text = value == null ? "" : value.strip();
        Matcher m = TIME.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw notATime(text);
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String meridiem = m.group(3);
        if (minute > 59) {
            throw notATime(text);
        }
        if (meridiem == null) {
            if (hour > 23) {
                throw notATime(text);
            }
            return LocalTime.of(hour, minute);
        }
        if (hour < 1 || hour > 12) {
            throw notATime(text);
        }
        boolean afternoon = meridiem.startsWith("p");
        // 12 am is midnight and 12 pm is noon, as on any 12-hour clock.
        int hour24 = hour % 12 + (afternoon ? 12 : 0);
        return LocalTime.of(hour24, minute);
    }

    /** Canonical text, sorted and without duplicates, which {@link #parse} reads back unchanged. */
    public static String format(List<LocalTime> hours) {
        if (hours == null || hours.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (LocalTime time : new TreeSet<>(hours)) {
            requireWholeMinute(time);
            parts.add(CANONICAL.format(time));
        }
        return String.join(", ", parts);
    }

    static void requireWholeMinute(LocalTime time) {
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new InvalidScheduleException("hours", LABEL + ": " + time
                    + " has seconds; hours of run are whole minutes (" + FORMATS + ")");
        }
    }

    private static InvalidScheduleException notATime(String value) {
        return new InvalidScheduleException("hours",
                LABEL + ": \"" + value + "\" is not a time of day; use " + FORMATS);
    }
}
