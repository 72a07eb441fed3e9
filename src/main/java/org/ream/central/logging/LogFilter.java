package org.ream.central.logging;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The filters of the log view (manual 5.5: date, type, subsystem, context) plus a text search.
 * {@code types} are the types shown; empty lists of subsystems and null texts do not filter.
 */
public record LogFilter(Period.Range range, Set<Severity> types, List<String> subsystems, String context, String text) {

    public static final LogFilter ALL = new LogFilter(Period.Range.ALL, EnumSet.allOf(Severity.class), List.of(), null, null);

    /** Reads the query parameters; {@code now} carries the configured time zone. */
    public static LogFilter parse(String period, String from, String to, String types, String subsystems, String context, String text,
            ZonedDateTime now) {
        return new LogFilter(Period.filter(period, from, to, now), types(types), list(subsystems, "subsystems"), trimToNull(context), trimToNull(text));
    }

    /** The types to show: none given means all; "none" means none (the UI with every type unticked). */
    static Set<Severity> types(String csv) {
        List<String> names = list(csv, "types");
        if (names.isEmpty()) {
            return EnumSet.allOf(Severity.class);
        }
        Set<Severity> out = EnumSet.noneOf(Severity.class);
        for (String t : names) {
            if (t.equalsIgnoreCase("none")) {
                continue;
            }
            try {
                out.add(t.chars().allMatch(Character::isDigit) ? Severity.ofCode(Integer.parseInt(t)) : Severity.parse(t));
            } catch (IllegalArgumentException e) {
                throw new InvalidFilterException("types", e.getMessage());
            }
        }
        return out;
    }

    /** A comma-separated parameter as a list without blanks or repeats. */
    public static List<String> list(String csv, String field) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        if (out.size() > 100) {
            throw new InvalidFilterException(field, "at most 100 values");
        }
        return new ArrayList<>(out);
    }

    public static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
