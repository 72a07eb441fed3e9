package org.ream.central.logging;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The periods of the log and audit log filters (manual 5.5: "yesterday, this week, last week,
 * the last X hours, the last X weeks"), computed in the server's configured time zone.
 * Calendar periods run from midnight to midnight, so a day is 23 or 25 hours long when the
 * clocks change; weeks start on Monday whatever the browser's locale. "Last N days/weeks/months"
 * go back N calendar units from now at the same wall-clock time; "last N hours" is a plain duration.
 */
public record Period(Kind kind, int amount) {

    public enum Kind {
        ALL("all"), TODAY("today"), YESTERDAY("yesterday"), THIS_WEEK("thisWeek"), LAST_WEEK("lastWeek"),
        THIS_MONTH("thisMonth"), LAST_MONTH("lastMonth"), THIS_YEAR("thisYear"), LAST_YEAR("lastYear"),
        LAST_HOURS("lastHours", 24 * 3660), LAST_DAYS("lastDays", 3660), LAST_WEEKS("lastWeeks", 530), LAST_MONTHS("lastMonths", 120);

        public final String token;
        final int maxAmount;

        Kind(String token) {
            this(token, 0);
        }

        Kind(String token, int maxAmount) {
            this.token = token;
            this.maxAmount = maxAmount;
        }

        boolean counted() {
            return maxAmount > 0;
        }
    }

    /** A half-open interval [from, to); a null end is unbounded. */
    public record Range(Instant from, Instant to) {

        public static final Range ALL = new Range(null, null);

        public Range {
            if (from != null && to != null && !from.isBefore(to)) {
                throw new InvalidFilterException("to", "must be after 'from'");
            }
        }

        public boolean contains(Instant t) {
            return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
        }
    }

    public static final String VOCABULARY = "today, yesterday, thisWeek, lastWeek, thisMonth, lastMonth, thisYear, lastYear, all,"
            + " lastHours:N, lastDays:N, lastWeeks:N, lastMonths:N";

    /** Parses "today", "lastWeek", "lastHours:6"... (case-insensitive). */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFilterException("period", "is empty; use one of " + VOCABULARY);
        }
        String t = text.strip();
        String name = t;
        String count = null;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            name = t.substring(0, colon).strip();
            count = t.substring(colon + 1).strip();
        }
        for (Kind k : Kind.values()) {
            if (!k.token.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!k.counted()) {
                if (count != null) {
                    throw new InvalidFilterException("period", "'" + k.token + "' takes no number");
                }
                return new Period(k, 0);
            }
            if (count == null) {
                throw new InvalidFilterException("period", "'" + k.token + "' needs a number, e.g. " + k.token + ":3");
            }
            int n;
            try {
                n = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                throw new InvalidFilterException("period", "'" + count + "' is not a whole number");
            }
            if (n < 1 || n > k.maxAmount) {
                throw new InvalidFilterException("period", k.token + " takes a number from 1 to " + k.maxAmount);
            }
            return new Period(k, n);
        }
        throw new InvalidFilterException("period", "unknown period '" + t + "'; use one of " + VOCABULARY);
    }

    /** The interval this period covers at the moment {@code now}, in now's time zone. */
    public Range resolve(ZonedDateTime now) {
        ZoneId zone = now.getZone();
        LocalDate today = now.toLocalDate();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        LocalDate firstOfYear = today.withDayOfYear(1);
        return switch (kind) {
            case ALL -> Range.ALL;
            case TODAY -> days(today, today.plusDays(1), zone);
            case YESTERDAY -> days(today.minusDays(1), today, zone);
            case THIS_WEEK -> days(monday, monday.plusWeeks(1), zone);
            case LAST_WEEK -> days(monday.minusWeeks(1), monday, zone);
            case THIS_MONTH -> days(firstOfMonth, firstOfMonth.plusMonths(1), zone);
            case LAST_MONTH -> days(firstOfMonth.minusMonths(1), firstOfMonth, zone);
            case THIS_YEAR -> days(firstOfYear, firstOfYear.plusYears(1), zone);
            case LAST_YEAR -> days(firstOfYear.minusYears(1), firstOfYear, zone);
            case LAST_HOURS -> new Range(now.toInstant().minus(Duration.ofHours(amount)), null);
            case LAST_DAYS -> new Range(now.minusDays(amount).toInstant(), null);
            case LAST_WEEKS -> new Range(now.minusWeeks(amount).toInstant(), null);
            case LAST_MONTHS -> new Range(now.minusMonths(amount).toInstant(), null);
        };
    }

    private static Range days(LocalDate first, LocalDate endExclusive, ZoneId zone) {
        // atStartOfDay, not atTime(0, 0): where midnight is skipped by a clock change the day starts at 01:00.
        return new Range(first.atStartOfDay(zone).toInstant(), endExclusive.atStartOfDay(zone).toInstant());
    }

    /**
     * The time filter of a request: either a named period or explicit bounds. Bounds accept an
     * instant ("2026-11-25T08:00:00Z"), a date-time with offset, a local date-time or a date, the
     * last two read in the configured time zone; a date as 'to' includes that whole day.
     */
    public static Range filter(String period, String from, String to, ZonedDateTime now) {
        boolean hasBounds = !blank(from) || !blank(to);
        if (!blank(period)) {
            if (hasBounds) {
                throw new InvalidFilterException("period", "give either a period or from/to, not both");
            }
            return parse(period).resolve(now);
        }
        return new Range(bound("from", from, now.getZone(), false), bound("to", to, now.getZone(), true));
    }

    static Instant bound(String field, String text, ZoneId zone, boolean end) {
        if (blank(text)) {
            return null;
        }
        String t = text.strip();
        try {
            if (t.length() <= 10) {
                LocalDate d = LocalDate.parse(t);
                return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.matches(".*[+-]\\d\\d:?\\d\\d$") && t.indexOf('T') > 0) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidFilterException(field, "'" + t + "' is not a date or time; use e.g. 2026-11-25, 2026-11-25T08:30 or 2026-11-25T07:30:00Z");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
