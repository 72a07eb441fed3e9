package org.ream.central.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PeriodTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static ZonedDateTime paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS);
    }

    static Period.Range range(String period, ZonedDateTime now) {
        return Period.parse(period).resolve(now);
    }

    @Test
    void todayRunsFromMidnightToMidnightInTheConfiguredZone() {
        Period.Range r = range("today", paris("2026-11-25T16:30"));
        assertThat(r.from()).isEqualTo(Instant.parse("2026-11-24T23:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));
    }

    @Test
    void theDayTheClocksGoForwardHas23Hours() {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST in Paris.
        Period.Range r = range("today", paris("2026-03-29T12:00"));
        assertThat(r.from()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(Duration.between(r.from(), r.to())).isEqualTo(Duration.ofHours(23));
        assertThat(range("yesterday", paris("2026-03-30T08:00"))).isEqualTo(r);
    }

    @Test
    void theDayTheClocksGoBackHas25Hours() {
        Period.Range r = range("yesterday", paris("2026-10-26T00:10"));
        assertThat(r.from()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(Duration.between(r.from(), r.to())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void aDayWhoseMidnightDoesNotExistStartsAtOneOClock() {
        // Brazil moved its clocks from 00:00 to 01:00 on 4 November 2018.
        ZonedDateTime now = LocalDateTime.parse("2018-11-04T15:00").atZone(ZoneId.of("America/Sao_Paulo"));
        Period.Range r = range("today", now);
        assertThat(r.from()).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2018-11-05T02:00:00Z"));
    }

    @Test
    void weeksStartOnMonday() {
        // Sunday 29 March 2026, the day of the clock change.
        Period.Range thisWeek = range("thisWeek", paris("2026-03-29T12:00"));
        assertThat(thisWeek.from()).isEqualTo(paris("2026-03-23T00:00").toInstant());
        assertThat(thisWeek.to()).isEqualTo(paris("2026-03-30T00:00").toInstant());
        assertThat(Duration.between(thisWeek.from(), thisWeek.to())).isEqualTo(Duration.ofHours(7 * 24 - 1));
        Period.Range lastWeek = range("lastWeek", paris("2026-03-29T12:00"));
        assertThat(lastWeek.from()).isEqualTo(paris("2026-03-16T00:00").toInstant());
        assertThat(lastWeek.to()).isEqualTo(thisWeek.from());
    }

    @Test
    void mondayJustAfterMidnightIsAlreadyTheNewWeek() {
        Period.Range r = range("thisWeek", paris("2026-11-23T00:05"));
        assertThat(r.from()).isEqualTo(paris("2026-11-23T00:00").toInstant());
        assertThat(range("lastWeek", paris("2026-11-23T00:05")).from()).isEqualTo(paris("2026-11-16T00:00").toInstant());
    }

    @Test
    void weekStartDoesNotFollowTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            assertThat(range("thisWeek", paris("2026-11-29T10:00")).from()).isEqualTo(paris("2026-11-23T00:00").toInstant());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void lastHoursIsAPlainDurationAcrossTheClockChange() {
        ZonedDateTime now = paris("2026-03-29T12:00");
        Period.Range r = range("lastHours:12", now);
        assertThat(r.from()).isEqualTo(now.toInstant().minus(Duration.ofHours(12)));
        assertThat(r.to()).isNull();
        assertThat(r.contains(now.toInstant())).isTrue();
    }

    @Test
    void lastDaysAndWeeksKeepTheWallClockTime() {
        ZonedDateTime now = paris("2026-03-29T12:00");
        // Back to 28 March 12:00 CET: only 23 hours ago.
        assertThat(range("lastDays:1", now).from()).isEqualTo(Instant.parse("2026-03-28T11:00:00Z"));
        assertThat(range("lastWeeks:2", now).from()).isEqualTo(paris("2026-03-15T12:00").toInstant());
        // 29 February does not exist in 2026: the month before 29 March ends on the 28th.
        assertThat(range("lastMonths:1", now).from()).isEqualTo(paris("2026-02-28T12:00").toInstant());
    }

    @Test
    void monthsAndYears() {
        ZonedDateTime now = paris("2026-01-15T09:00");
        assertThat(range("thisMonth", now).from()).isEqualTo(paris("2026-01-01T00:00").toInstant());
        assertThat(range("lastMonth", now).from()).isEqualTo(paris("2025-12-01T00:00").toInstant());
        assertThat(range("lastMonth", now).to()).isEqualTo(paris("2026-01-01T00:00").toInstant());
        assertThat(range("lastYear", now).from()).isEqualTo(paris("2025-01-01T00:00").toInstant());
        assertThat(range("thisYear", now).to()).isEqualTo(paris("2027-01-01T00:00").toInstant());
        assertThat(range("all", now)).isEqualTo(Period.Range.ALL);
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(Period.parse("LASTHOURS: 6")).isEqualTo(new Period(Period.Kind.LAST_HOURS, 6));
        assertThat(Period.parse("thisweek").kind()).isEqualTo(Period.Kind.THIS_WEEK);
    }

    @Test
    void badPeriodsNameTheProblem() {
        assertThatThrownBy(() -> Period.parse("nextWeek")).isInstanceOf(InvalidFilterException.class).hasMessageContaining("unknown period");
        assertThatThrownBy(() -> Period.parse("lastHours")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> Period.parse("lastHours:0")).hasMessageContaining("from 1 to");
        assertThatThrownBy(() -> Period.parse("lastDays:x")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Period.parse("today:3")).hasMessageContaining("takes no number");
        assertThat(((InvalidFilterException) org.assertj.core.api.Assertions.catchThrowable(() -> Period.parse("soon"))).field()).isEqualTo("period");
    }

    @Test
    void explicitBoundsAcceptInstantsOffsetsLocalTimesAndDates() {
        ZonedDateTime now = paris("2026-11-25T16:30");
        Period.Range r = Period.filter(null, "2026-11-20T07:30:00Z", "2026-11-21T10:00:00+01:00", now);
        assertThat(r.from()).isEqualTo(Instant.parse("2026-11-20T07:30:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
        Period.Range local = Period.filter(null, "2026-11-20T08:30", null, now);
        assertThat(local.from()).isEqualTo(Instant.parse("2026-11-20T07:30:00Z"));
        assertThat(local.to()).isNull();
        Period.Range days = Period.filter("", "2026-11-20", "2026-11-20", now);
        assertThat(days.from()).isEqualTo(paris("2026-11-20T00:00").toInstant());
        assertThat(days.to()).isEqualTo(paris("2026-11-21T00:00").toInstant());
        assertThat(Period.filter(null, null, null, now)).isEqualTo(Period.Range.ALL);
    }

    @Test
    void explicitBoundsMustMakeSense() {
        ZonedDateTime now = paris("2026-11-25T16:30");
        assertThatThrownBy(() -> Period.filter("today", "2026-11-20", null, now)).hasMessageContaining("either a period or from/to");
        assertThatThrownBy(() -> Period.filter(null, "yesterday", null, now)).isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("from:");
        assertThatThrownBy(() -> Period.filter(null, "2026-11-21", "2026-11-20", now)).hasMessageStartingWith("to:");
    }
}
