package org.ream.central.reporting.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Relative and fixed report periods (10.1.4 "Période") resolved into days and instants of a time zone. */
class PeriodSpecTest {

    static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void theManualsTopNReportCoversTheLastSevenDaysTodayIncluded() {
        // "Printers – Top N, Created 07/16/2020 9:57:11 AM, Period 07/10/2020 12:00:00 AM – 07/16/2020 11:59:59 PM"
        ZonedDateTime created = ZonedDateTime.of(2020, 7, 16, 9, 57, 11, 0, NEW_YORK);

        DateRange r = PeriodSpec.parse("last 7 days").resolve(created, DayOfWeek.MONDAY);

        assertThat(r.first()).isEqualTo(LocalDate.of(2020, 7, 10));
        assertThat(r.last()).isEqualTo(LocalDate.of(2020, 7, 16));
        assertThat(r.start()).isEqualTo(ZonedDateTime.of(2020, 7, 10, 0, 0, 0, 0, NEW_YORK).toInstant());
        assertThat(r.end().minusSeconds(1)).isEqualTo(ZonedDateTime.of(2020, 7, 16, 23, 59, 59, 0, NEW_YORK).toInstant());
        assertThat(r.days()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} on {1}: {2} to {3}")
    @CsvSource({
            // Wednesday 2026-05-13
            "today,         2026-05-13, 2026-05-13, 2026-05-13",
            "yesterday,     2026-05-13, 2026-05-12, 2026-05-12",
            "this week,     2026-05-13, 2026-05-11, 2026-05-17",
            "last week,     2026-05-13, 2026-05-04, 2026-05-10",
            "this month,    2026-05-13, 2026-05-01, 2026-05-31",
            "last month,    2026-05-13, 2026-04-01, 2026-04-30",
            "this quarter,  2026-05-13, 2026-04-01, 2026-06-30",
            "last quarter,  2026-05-13, 2026-01-01, 2026-03-31",
            "this year,     2026-05-13, 2026-01-01, 2026-12-31",
            "last year,     2026-05-13, 2025-01-01, 2025-12-31",
            "last 1 days,   2026-05-13, 2026-05-13, 2026-05-13",
            "last 30 days,  2026-05-13, 2026-04-14, 2026-05-13",
            "last 3 months, 2026-05-13, 2026-03-01, 2026-05-13",
            "last 1 month,  2026-05-13, 2026-05-01, 2026-05-13",
            // year and month boundaries, a leap year
            "yesterday,     2026-01-01, 2025-12-31, 2025-12-31",
            "last week,     2026-01-02, 2025-12-22, 2025-12-28",
            "last month,    2024-03-15, 2024-02-01, 2024-02-29",
            "last quarter,  2026-02-10, 2025-10-01, 2025-12-31",
            "last 12 months, 2026-02-10, 2025-03-01, 2026-02-10",
            "this week,     2026-05-11, 2026-05-11, 2026-05-17",
            "this week,     2026-05-17, 2026-05-11, 2026-05-17"})
    void relativePeriods(String text, LocalDate today, LocalDate first, LocalDate last) {
        DateRange r = PeriodSpec.parse(text).resolve(today.atTime(15, 0).atZone(PRAGUE), DayOfWeek.MONDAY);

        assertThat(r.first()).isEqualTo(first);
        assertThat(r.last()).isEqualTo(last);
    }

    @Test
    void weeksStartOnTheConfiguredDay() {
        ZonedDateTime wednesday = LocalDate.of(2026, 5, 13).atTime(9, 0).atZone(NEW_YORK);

        DateRange us = PeriodSpec.parse("this week").resolve(wednesday, DayOfWeek.SUNDAY);
        DateRange lastUs = PeriodSpec.parse("last week").resolve(wednesday, DayOfWeek.SUNDAY);

        assertThat(us.first()).isEqualTo(LocalDate.of(2026, 5, 10));
        assertThat(us.last()).isEqualTo(LocalDate.of(2026, 5, 16));
        assertThat(lastUs.first()).isEqualTo(LocalDate.of(2026, 5, 3));
        assertThat(lastUs.last()).isEqualTo(LocalDate.of(2026, 5, 9));
    }

    @Test
    void todayIsTheServersDayNotUtcs() {
        // 00:30 in Prague on 1 March is still 28 February in UTC
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 1, 0, 30, 0, 0, PRAGUE);

        DateRange today = PeriodSpec.parse("today").resolve(now, DayOfWeek.MONDAY);
        DateRange lastMonth = PeriodSpec.parse("last month").resolve(now, DayOfWeek.MONDAY);

        assertThat(today.first()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(today.start()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(today.contains(now.toInstant())).isTrue();
        assertThat(lastMonth.first()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(lastMonth.end()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(lastMonth.contains(Instant.parse("2026-02-28T22:59:59Z"))).isTrue();
        assertThat(lastMonth.contains(Instant.parse("2026-02-28T23:00:00Z"))).isFalse();
    }

    @Test
    void aDayOfADaylightSavingChangeKeepsAllItsHours() {
        // Prague moves to summer time on 29 March 2026: that day has 23 hours, 25 October 25 hours
        DateRange spring = PeriodSpec.parse("2026-03-29..2026-03-29").resolve(ZonedDateTime.now(PRAGUE), DayOfWeek.MONDAY);
        DateRange autumn = PeriodSpec.parse("2026-10-25..2026-10-25").resolve(ZonedDateTime.now(PRAGUE), DayOfWeek.MONDAY);
        DateRange march = PeriodSpec.parse("last month").resolve(ZonedDateTime.of(2026, 4, 2, 12, 0, 0, 0, PRAGUE), DayOfWeek.MONDAY);

        assertThat(Duration.between(spring.start(), spring.end())).isEqualTo(Duration.ofHours(23));
        assertThat(Duration.between(autumn.start(), autumn.end())).isEqualTo(Duration.ofHours(25));
        assertThat(march.start()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(march.end()).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
    }

    @Test
    void fixedPeriodsIncludeBothDays() {
        PeriodSpec p = PeriodSpec.parse("2017-03-01..2017-04-30");

        DateRange r = p.resolve(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, PRAGUE), DayOfWeek.MONDAY);

        assertThat(p).isEqualTo(new PeriodSpec.Between(LocalDate.of(2017, 3, 1), LocalDate.of(2017, 4, 30)));
        assertThat(r.days()).isEqualTo(61);
        assertThat(PeriodSpec.parse("2020-07-10..2020-07-10").resolve(ZonedDateTime.now(PRAGUE), DayOfWeek.MONDAY).days()).isEqualTo(1);
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> PeriodSpec.parse("2020-07-16..2020-07-10"))
                .hasMessage("the period ends (2020-07-10) before it starts (2020-07-16)");
        assertThatThrownBy(() -> DateRange.of(LocalDate.of(2020, 7, 16), LocalDate.of(2020, 7, 10), PRAGUE))
                .hasMessageContaining("ends (2020-07-10) before it starts");
    }

    @Test
    void textsReadBackAndNonsenseIsRefused() {
        for (String s : new String[] {"today", "yesterday", "this week", "last week", "this month", "last month", "this quarter",
                "last quarter", "this year", "last year", "last 7 days", "last 3 months", "2020-07-10..2020-07-16"}) {
            assertThat(PeriodSpec.parse(s).text()).isEqualTo(s);
        }
        assertThat(PeriodSpec.parse("  Last   3  Month ")).isEqualTo(new PeriodSpec.Relative(PeriodSpec.Unit.LAST_N_MONTHS, 3));
        assertThatThrownBy(() -> PeriodSpec.parse("next week")).hasMessageContaining("is not a period");
        assertThatThrownBy(() -> PeriodSpec.parse("last 0 days")).hasMessageContaining("between 1 and 3660, not 0");
        assertThatThrownBy(() -> PeriodSpec.parse("2020-07-10..soon")).hasMessageContaining("does not give two dates");
        assertThatThrownBy(() -> new PeriodSpec.Relative(PeriodSpec.Unit.TODAY, 2)).hasMessageContaining("takes no number");
    }
}
