package org.ream.central.reporting.definition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A report period resolved in a time zone: the first and last days (both included, as the report
 * header prints them: "07/10/2020 12:00:00 AM - 07/16/2020 11:59:59 PM") and the instants to
 * query, {@code start} included, {@code end} excluded (midnight after the last day, so daylight
 * saving changes cost no hour).
 */
public record DateRange(LocalDate first, LocalDate last, ZoneId zone, Instant start, Instant end) {

    public static DateRange of(LocalDate first, LocalDate last, ZoneId zone) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the period ends (" + last + ") before it starts (" + first + ")");
        }
        return new DateRange(first, last, zone, first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public long days() {
        return last.toEpochDay() - first.toEpochDay() + 1;
    }
}
