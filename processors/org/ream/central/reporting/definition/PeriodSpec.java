package org.ream.central.reporting.definition;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's period as the designer keeps it (10.1.4 "Période"): fixed dates, or relative to the
 * day the report runs, so a scheduled report always covers the latest days. Resolved into a
 * {@link DateRange} in the server's time zone when the report runs.
 */
public sealed interface PeriodSpec permits PeriodSpec.Between, PeriodSpec.Relative {

    /** Days from {@code first} to {@code last}, both included. */
    record Between(LocalDate first, LocalDate last) implements PeriodSpec {
        public Between {
            if (first == null || last == null) {
                throw new IllegalArgumentException("a period has a first and a last day");
            }
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("the period ends (" + last + ") before it starts (" + first + ")");
            }
        }

        @Override
        public DateRange resolve(ZonedDateTime now, DayOfWeek firstDayOfWeek) {
            return DateRange.of(first, last, now.getZone());
        }

        @Override
        public String text() {
            return first + ".." + last;
        }
    }

    enum Unit {
        TODAY, YESTERDAY, THIS_WEEK, LAST_WEEK, THIS_MONTH, LAST_MONTH, THIS_QUARTER, LAST_QUARTER, THIS_YEAR, LAST_YEAR,
        /** The last {@code n} days, today included. */
        LAST_N_DAYS,
        /** The last {@code n} calendar months, the current one included (it ends today). */
        LAST_N_MONTHS
    }

    /** {@code n} counts days or months for the "last N" units and is 1 otherwise. */
    record Relative(Unit unit, int n) implements PeriodSpec {
        public Relative {
            if (unit == null) {
                throw new IllegalArgumentException("a relative period has a unit");
            }
            boolean counted = unit == Unit.LAST_N_DAYS || unit == Unit.LAST_N_MONTHS;
            if (counted && (n < 1 || n > 3660)) {
                throw new IllegalArgumentException("the number of " + (unit == Unit.LAST_N_DAYS ? "days" : "months")
                        + " is between 1 and 3660, not " + n);
            }
            if (!counted && n != 1) {
                throw new IllegalArgumentException(unit + " takes no number");
            }
        }

        @Override
        public DateRange resolve(ZonedDateTime now, DayOfWeek firstDayOfWeek) {
            LocalDate today = now.toLocalDate();
            LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(firstDayOfWeek));
            LocalDate monthStart = today.withDayOfMonth(1);
            LocalDate quarterStart = today.with(IsoFields.DAY_OF_QUARTER, 1);
            LocalDate yearStart = today.withDayOfYear(1);
            return switch (unit) {
                case TODAY -> DateRange.of(today, today, now.getZone());
                case YESTERDAY -> DateRange.of(today.minusDays(1), today.minusDays(1), now.getZone());
                case THIS_WEEK -> DateRange.of(weekStart, weekStart.plusDays(6), now.getZone());
                case LAST_WEEK -> DateRange.of(weekStart.minusWeeks(1), weekStart.minusDays(1), now.getZone());
                case THIS_MONTH -> DateRange.of(monthStart, monthStart.plusMonths(1).minusDays(1), now.getZone());
                case LAST_MONTH -> DateRange.of(monthStart.minusMonths(1), monthStart.minusDays(1), now.getZone());
                case THIS_QUARTER -> DateRange.of(quarterStart, quarterStart.plusMonths(3).minusDays(1), now.getZone());
                case LAST_QUARTER -> DateRange.of(quarterStart.minusMonths(3), quarterStart.minusDays(1), now.getZone());
                case THIS_YEAR -> DateRange.of(yearStart, yearStart.plusYears(1).minusDays(1), now.getZone());
                case LAST_YEAR -> DateRange.of(yearStart.minusYears(1), yearStart.minusDays(1), now.getZone());
                case LAST_N_DAYS -> DateRange.of(today.minusDays(n - 1L), today, now.getZone());
                case LAST_N_MONTHS -> DateRange.of(monthStart.minusMonths(n - 1L), today, now.getZone());
            };
        }

        @Override
        public String text() {
            return switch (unit) {
                case LAST_N_DAYS -> "last " + n + " days";
                case LAST_N_MONTHS -> "last " + n + " months";
                default -> unit.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            };
        }
    }

    /**
     * The days covered when the report runs at {@code now} (its zone is the server's). Weeks
     * start on {@code firstDayOfWeek}. This week, month, quarter and year run to their end,
     * which may lie in the future: a report run mid-month shows the month so far.
     */
    DateRange resolve(ZonedDateTime now, DayOfWeek firstDayOfWeek);

    /** The text {@link #parse} reads back. */
    String text();

    Pattern LAST_N = Pattern.compile("last (\\d{1,4}) (day|days|month|months)");

    /**
     * "today", "yesterday", "this week", "last week", "this month", "last month", "this quarter",
     * "last quarter", "this year", "last year", "last 7 days", "last 3 months", or
     * "2020-07-10..2020-07-16".
     */
    static PeriodSpec parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int dots = s.indexOf("..");
        if (dots > 0) {
            try {
                return new Between(LocalDate.parse(s.substring(0, dots).strip()), LocalDate.parse(s.substring(dots + 2).strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"" + text + "\" does not give two dates as 2020-07-10..2020-07-16");
            }
        }
        Matcher m = LAST_N.matcher(s);
        if (m.matches()) {
            return new Relative(m.group(2).startsWith("day") ? Unit.LAST_N_DAYS : Unit.LAST_N_MONTHS, Integer.parseInt(m.group(1)));
        }
        for (Unit u : Unit.values()) {
            if (u != Unit.LAST_N_DAYS && u != Unit.LAST_N_MONTHS && u.name().toLowerCase(Locale.ROOT).replace('_', ' ').equals(s)) {
                return new Relative(u, 1);
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a period (today, yesterday, this/last week, month, quarter "
                + "or year, last N days, last N months, or 2020-07-10..2020-07-16)");
    }
}
