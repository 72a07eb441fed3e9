package org.ream.central.scheduling;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NextRunTest {

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    /** A wall-clock time in Prague; in an overlap, the earlier (summer) offset. */
    private static ZonedDateTime prague(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), PRAGUE);
    }

    /** An exact instant, offset included, as the assertions must pin it across DST. */
    private static ZonedDateTime exact(String text) {
        return ZonedDateTime.parse(text);
    }

    private static ScheduleTiming daily(String hours) {
        return ScheduleTiming.daily(HoursOfRun.parse(hours));
    }

    private static ZonedDateTime next(ScheduleTiming timing, ZonedDateTime from) {
        return NextRun.after(timing, from, PRAGUE);
    }

    private static List<ZonedDateTime> upcoming(ScheduleTiming timing, ZonedDateTime from, int count) {
        return NextRun.upcoming(timing, from, PRAGUE, count);
    }

    private static List<LocalDate> dates(List<ZonedDateTime> runs) {
        return runs.stream().map(ZonedDateTime::toLocalDate).toList();
    }

    @Nested
    class Minute {

        @Test
        void manualHealthCheckRanAt43403AndIsNextDueAt444() {
            // The task scheduler list: System Health Check, Minute, last run 4:34:03, next run 4:44:00.
            assertEquals(prague("2022-09-19T16:44:00"),
                    next(ScheduleTiming.everyMinutes(10), prague("2022-09-19T16:34:03")));
        }

        @Test
        void everyMinuteFromAWholeMinuteIsTheNextMinute() {
            assertEquals(prague("2024-05-06T10:01"), next(ScheduleTiming.everyMinutes(1), prague("2024-05-06T10:00")));
        }

        @Test
        void lateStartDoesNotCreep() {
            assertEquals(prague("2024-05-06T10:01"),
                    next(ScheduleTiming.everyMinutes(1), prague("2024-05-06T10:00:59.999")));
        }

        @Test
        void crossesMidnightAndMonthEnd() {
            assertEquals(prague("2024-03-01T00:05"), next(ScheduleTiming.everyMinutes(15), prague("2024-02-29T23:50:10")));
        }

        @Test
        void keepsElapsedMinutesAcrossSpringForward() {
            assertEquals(exact("2024-03-31T03:05+02:00[Europe/Prague]"),
                    next(ScheduleTiming.everyMinutes(10), prague("2024-03-31T01:55")));
        }

        @Test
        void keepsElapsedMinutesAcrossFallBack() {
            assertEquals(exact("2024-10-27T02:05+01:00[Europe/Prague]"),
                    next(ScheduleTiming.everyMinutes(10), exact("2024-10-27T02:55+02:00[Europe/Prague]")));
        }

        @Test
        void runsAreEvenlySpacedThroughTheFallBackHour() {
            List<ZonedDateTime> runs = upcoming(ScheduleTiming.everyMinutes(30), prague("2024-10-27T01:30"), 6);
            for (int i = 1; i < runs.size(); i++) {
                assertEquals(Duration.ofMinutes(30), Duration.between(runs.get(i - 1), runs.get(i)));
            }
            // Three hours after 01:30 summer time, with 02:00-03:00 lived twice.
            assertEquals(exact("2024-10-27T03:30+01:00[Europe/Prague]"), runs.get(5));
        }
    }

    @Nested
    class Hourly {

        @Test
        void everyTwoHoursKeepsTheMinute() {
            assertEquals(prague("2024-05-06T11:15"), next(ScheduleTiming.everyHours(2), prague("2024-05-06T09:15:42")));
        }

        @Test
        void crossesMidnight() {
            assertEquals(prague("2024-05-07T01:00"), next(ScheduleTiming.everyHours(3), prague("2024-05-06T22:00")));
        }

        @Test
        void anHourAfter0130OnSpringForwardIs0330() {
            assertEquals(exact("2024-03-31T03:30+02:00[Europe/Prague]"),
                    next(ScheduleTiming.everyHours(1), prague("2024-03-31T01:30")));
        }

        @Test
        void anHourAfter0230SummerOnFallBackIs0230Winter() {
            assertEquals(exact("2024-10-27T02:30+01:00[Europe/Prague]"),
                    next(ScheduleTiming.everyHours(1), exact("2024-10-27T02:30+02:00[Europe/Prague]")));
        }

        @Test
        void twentyFourHoursAreElapsedHoursNotADay() {
            // Unlike a daily run, which keeps the wall-clock time.
            assertEquals(exact("2024-03-31T13:00+02:00[Europe/Prague]"),
                    next(ScheduleTiming.everyHours(24), prague("2024-03-30T12:00")));
        }
    }

    @Nested
    class Daily {

        @Test
        void manualHistoryDeletionRanAt1450AndIsNextDueTomorrowAt3() {
            // History deletion, Daily, last run 09/19/2022 2:50:19 (PM), next run 09/20/2022 3:00:00 (AM).
            assertEquals(prague("2022-09-20T03:00"), next(daily("3:00"), prague("2022-09-19T14:50:19")));
        }

        @Test
        void laterTheSameDay() {
            assertEquals(prague("2024-05-06T03:00"), next(daily("3"), prague("2024-05-06T02:00")));
        }

        @Test
        void strictlyAfterARunExactlyOnTime() {
            assertEquals(prague("2024-05-07T03:00"), next(daily("3"), prague("2024-05-06T03:00")));
        }

        @Test
        void aSecondAfterTheHourWaitsForTomorrow() {
            assertEquals(prague("2024-05-07T03:00"), next(daily("3"), prague("2024-05-06T03:00:01")));
        }

        @ParameterizedTest(name = "from {0} the next run is {1}")
        @CsvSource({
            "2024-05-06T00:00, 2024-05-06T09:00",
            "2024-05-06T09:00, 2024-05-06T14:30",
            "2024-05-06T10:00, 2024-05-06T14:30",
            "2024-05-06T14:30, 2024-05-06T21:00",
            "2024-05-06T21:00, 2024-05-07T09:00",
            "2024-05-06T23:59, 2024-05-07T09:00",
        })
        void severalHoursADay(String from, String expected) {
            assertEquals(prague(expected), next(daily("9 am; 14:30, 9 pm"), prague(from)));
        }

        @Test
        void midnightRunsAtTheStartOfTheNextDay() {
            assertEquals(prague("2024-05-07T00:00"), next(daily("12 am"), prague("2024-05-06T23:59")));
        }

        @Test
        void crossesTheYear() {
            assertEquals(prague("2025-01-01T22:00"), next(daily("10 pm"), prague("2024-12-31T23:00")));
        }

        @Test
        void runsEveryDayOfALeapYearOnce() {
            List<ZonedDateTime> runs = upcoming(daily("4"), prague("2023-12-31T12:00"), 366);
            assertEquals(LocalDate.of(2024, 1, 1), runs.get(0).toLocalDate());
            assertEquals(LocalDate.of(2024, 12, 31), runs.get(365).toLocalDate());
            assertEquals(366, runs.stream().map(ZonedDateTime::toLocalDate).collect(Collectors.toSet()).size());
            assertTrue(runs.stream().allMatch(r -> r.toLocalTime().equals(LocalTime.of(4, 0))));
        }

        @Test
        void keepsTheWallClockTimeAcrossDst() {
            assertEquals(exact("2024-03-31T12:00+02:00[Europe/Prague]"),
                    next(daily("12 pm"), exact("2024-03-30T12:00+01:00[Europe/Prague]")));
        }

        @Test
        void lastRunInAnotherZoneIsReadInTheServerZone() {
            // 01:30 UTC is 03:30 in Prague in summer: today's 03:00 has passed.
            assertEquals(exact("2024-06-02T03:00+02:00[Europe/Prague]"),
                    next(daily("3"), exact("2024-06-01T01:30Z")));
            // 00:30 UTC is 02:30 in Prague: today's 03:00 is still ahead.
            assertEquals(exact("2024-06-01T03:00+02:00[Europe/Prague]"),
                    next(daily("3"), exact("2024-06-01T00:30Z")));
        }

        @Test
        void theServerZoneDecidesTheInstant() {
            ZonedDateTime from = exact("2024-06-01T00:00Z");
            assertEquals(exact("2024-06-01T01:00Z"), NextRun.after(daily("3"), from, PRAGUE).withZoneSameInstant(ZoneOffset.UTC));
            assertEquals(exact("2024-06-01T07:00Z"),
                    NextRun.after(daily("3"), from, ZoneId.of("America/New_York")).withZoneSameInstant(ZoneOffset.UTC));
            assertEquals(ZoneId.of("America/New_York"),
                    NextRun.after(daily("3"), from, ZoneId.of("America/New_York")).getZone());
        }
    }

    @Nested
    class DaylightSaving {

        @Test
        void springForwardRunsA0230TaskAt0330() {
            assertEquals(exact("2024-03-31T03:30+02:00[Europe/Prague]"),
                    next(daily("2:30"), prague("2024-03-31T00:00")));
        }

        @Test
        void afterTheMovedRunTheNextDayIsBackTo0230() {
            assertEquals(exact("2024-04-01T02:30+02:00[Europe/Prague]"),
                    next(daily("2:30"), exact("2024-03-31T03:30:02+02:00[Europe/Prague]")));
        }

        @Test
        void springForwardIsNotSkippedInASequence() {
            assertEquals(List.of(
                    exact("2024-03-30T02:30+01:00[Europe/Prague]"),
                    exact("2024-03-31T03:30+02:00[Europe/Prague]"),
                    exact("2024-04-01T02:30+02:00[Europe/Prague]")),
                    upcoming(daily("2:30"), prague("2024-03-29T12:00"), 3));
        }

        @Test
        void aMovedHourThatPassesALaterHourStillRunsBoth() {
            // 02:30 becomes 03:30, after the 03:15 run.
            assertEquals(List.of(
                    exact("2024-03-31T03:15+02:00[Europe/Prague]"),
                    exact("2024-03-31T03:30+02:00[Europe/Prague]"),
                    exact("2024-04-01T02:30+02:00[Europe/Prague]")),
                    upcoming(daily("2:30, 3:15"), prague("2024-03-31T00:00"), 3));
        }

        @Test
        void twoHoursMovedOntoTheSameInstantRunOnce() {
            // 02:00 does not exist that day and becomes 03:00, which is also a run hour.
            assertEquals(List.of(
                    exact("2024-03-31T03:00+02:00[Europe/Prague]"),
                    exact("2024-04-01T02:00+02:00[Europe/Prague]")),
                    upcoming(daily("2, 3"), prague("2024-03-31T00:00"), 2));
        }

        @Test
        void fallBackRunsA0230TaskOnceInSummerTime() {
            assertEquals(List.of(
                    exact("2024-10-26T02:30+02:00[Europe/Prague]"),
                    exact("2024-10-27T02:30+02:00[Europe/Prague]"),
                    exact("2024-10-28T02:30+01:00[Europe/Prague]")),
                    upcoming(daily("2:30"), prague("2024-10-25T12:00"), 3));
        }

        @Test
        void fallBackDoesNotRunAgainInTheRepeatedHour() {
            assertEquals(exact("2024-10-28T02:30+01:00[Europe/Prague]"),
                    next(daily("2:30"), exact("2024-10-27T02:30:05+02:00[Europe/Prague]")));
            assertEquals(exact("2024-10-28T02:30+01:00[Europe/Prague]"),
                    next(daily("2:30"), exact("2024-10-27T02:10+01:00[Europe/Prague]")));
        }

        @Test
        void fallBackDayStillRunsItsOtherHours() {
            assertEquals(List.of(
                    exact("2024-10-27T02:30+02:00[Europe/Prague]"),
                    exact("2024-10-27T03:00+01:00[Europe/Prague]")),
                    upcoming(daily("2:30; 3"), prague("2024-10-27T00:00"), 2));
        }

        @Test
        void newYorkSpringForward() {
            ZoneId newYork = ZoneId.of("America/New_York");
            assertEquals(exact("2024-03-10T03:30-04:00[America/New_York]"),
                    NextRun.after(daily("2:30 am"), exact("2024-03-10T00:00-05:00[America/New_York]"), newYork));
        }

        @Test
        void gapAtMidnightMovesTheRunIntoTheSameDay() {
            // Chile springs forward at midnight: 00:30 on 8 September 2024 does not exist.
            ZoneId santiago = ZoneId.of("America/Santiago");
            assertEquals(List.of(
                    exact("2024-09-08T01:15-03:00[America/Santiago]"),
                    exact("2024-09-08T01:30-03:00[America/Santiago]"),
                    exact("2024-09-09T00:30-03:00[America/Santiago]")),
                    NextRun.upcoming(daily("0:30, 1:15"), exact("2024-09-07T12:00-04:00[America/Santiago]"), santiago, 3));
        }

        @Test
        void aWholeYearOfDailyRunsInPragueHasOneRunPerDay() {
            List<ZonedDateTime> runs = upcoming(daily("2:30"), prague("2023-12-31T12:00"), 366);
            assertEquals(366, dates(runs).stream().distinct().count());
            assertEquals(LocalDate.of(2024, 12, 31), runs.get(365).toLocalDate());
        }
    }

    @Nested
    class Weekly {

        private final ScheduleTiming monWedFri =
                ScheduleTiming.weekly(EnumSet.of(MONDAY, WEDNESDAY, FRIDAY), HoursOfRun.parse("8"));

        @ParameterizedTest(name = "from {0} the next run is {1}")
        @CsvSource({
            "2024-05-06T07:00, 2024-05-06T08:00",  // Monday morning
            "2024-05-06T09:00, 2024-05-08T08:00",  // Monday after the run: Wednesday
            "2024-05-07T12:00, 2024-05-08T08:00",  // Tuesday
            "2024-05-08T08:00, 2024-05-10T08:00",  // Wednesday's run: Friday
            "2024-05-10T08:00, 2024-05-13T08:00",  // Friday's run: next Monday
            "2024-05-11T23:00, 2024-05-13T08:00",  // Saturday
        })
        void severalWeekdays(String from, String expected) {
            assertEquals(prague(expected), next(monWedFri, prague(from)));
        }

        @Test
        void aFortnightOfRuns() {
            assertEquals(List.of(
                    LocalDate.of(2024, 5, 6), LocalDate.of(2024, 5, 8), LocalDate.of(2024, 5, 10),
                    LocalDate.of(2024, 5, 13), LocalDate.of(2024, 5, 15), LocalDate.of(2024, 5, 17)),
                    dates(upcoming(monWedFri, prague("2024-05-05T12:00"), 6)));
        }

        @Test
        void oneWeekdaySameDayBeforeTheHour() {
            assertEquals(prague("2024-05-12T18:00"),
                    next(ScheduleTiming.weekly(Set.of(SUNDAY), HoursOfRun.parse("6 pm")), prague("2024-05-12T17:59")));
        }

        @Test
        void oneWeekdayAfterTheHourWaitsAWeek() {
            assertEquals(prague("2024-05-19T18:00"),
                    next(ScheduleTiming.weekly(Set.of(SUNDAY), HoursOfRun.parse("6 pm")), prague("2024-05-12T18:00")));
        }

        @Test
        void severalHoursOnSeveralDays() {
            ScheduleTiming t = ScheduleTiming.weekly(EnumSet.of(MONDAY, FRIDAY), HoursOfRun.parse("9, 17"));
            assertEquals(List.of(
                    prague("2024-05-06T17:00"),
                    prague("2024-05-10T09:00"),
                    prague("2024-05-10T17:00"),
                    prague("2024-05-13T09:00")),
                    upcoming(t, prague("2024-05-06T10:00"), 4));
        }

        @Test
        void everyDayOfTheWeekIsDaily() {
            ScheduleTiming allWeek = ScheduleTiming.weekly(EnumSet.allOf(DayOfWeek.class), HoursOfRun.parse("3"));
            assertEquals(upcoming(daily("3"), prague("2024-05-01T00:00"), 20),
                    upcoming(allWeek, prague("2024-05-01T00:00"), 20));
        }

        @Test
        void sundaySpringForward() {
            assertEquals(exact("2024-03-31T03:30+02:00[Europe/Prague]"),
                    next(ScheduleTiming.weekly(Set.of(SUNDAY), HoursOfRun.parse("2:30")), prague("2024-03-25T00:00")));
        }
    }

    @Nested
    class Monthly {

        @ParameterizedTest(name = "from {0} the next run is {1}")
        @CsvSource({
            "2024-05-10T12:00, 2024-05-15T09:00",
            "2024-05-15T08:59, 2024-05-15T09:00",
            "2024-05-15T09:00, 2024-06-15T09:00",
            "2024-05-20T00:00, 2024-06-15T09:00",
            "2024-12-15T09:00, 2025-01-15T09:00",
        })
        void onTheFifteenth(String from, String expected) {
            assertEquals(prague(expected), next(ScheduleTiming.monthly(15, HoursOfRun.parse("9")), prague(from)));
        }

        @Test
        void day31RunsOnTheLastDayOfShorterMonthsInALeapYear() {
            assertEquals(List.of(
                    LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 31),
                    LocalDate.of(2024, 4, 30), LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30),
                    LocalDate.of(2024, 7, 31), LocalDate.of(2024, 8, 31), LocalDate.of(2024, 9, 30),
                    LocalDate.of(2024, 10, 31), LocalDate.of(2024, 11, 30), LocalDate.of(2024, 12, 31),
                    LocalDate.of(2025, 1, 31)),
                    dates(upcoming(ScheduleTiming.monthly(31, HoursOfRun.parse("3")), prague("2024-01-01T00:00"), 13)));
        }

        @Test
        void day31InFebruaryOfACommonYear() {
            assertEquals(prague("2023-02-28T03:00"),
                    next(ScheduleTiming.monthly(31, HoursOfRun.parse("3")), prague("2023-01-31T03:00")));
        }

        @Test
        void day31OnTheLastDayOfFebruaryBeforeTheHour() {
            assertEquals(prague("2023-02-28T03:00"),
                    next(ScheduleTiming.monthly(31, HoursOfRun.parse("3")), prague("2023-02-28T01:00")));
        }

        @ParameterizedTest(name = "day 29 in February {0} runs on {1}")
        @CsvSource({
            "2023, 2023-02-28",
            "2024, 2024-02-29",
            "2100, 2100-02-28",  // not a leap year: divisible by 100
            "2000, 2000-02-29",  // a leap year: divisible by 400
        })
        void day29AcrossLeapYears(int year, LocalDate expected) {
            ScheduleTiming t = ScheduleTiming.monthly(29, HoursOfRun.parse("3"));
            assertEquals(expected, next(t, prague(year + "-02-01T00:00")).toLocalDate());
        }

        @Test
        void aShortFebruaryDoesNotMoveMarch() {
            ScheduleTiming t = ScheduleTiming.monthly(30, HoursOfRun.parse("3"));
            assertEquals(List.of(LocalDate.of(2023, 2, 28), LocalDate.of(2023, 3, 30)),
                    dates(upcoming(t, prague("2023-02-01T00:00"), 2)));
        }

        @Test
        void firstOfTheMonthAtMidnight() {
            assertEquals(prague("2024-02-01T00:00"),
                    next(ScheduleTiming.monthly(1, HoursOfRun.parse("12 am")), prague("2024-01-31T23:59:59")));
        }

        @Test
        void severalHoursOnTheDay() {
            ScheduleTiming t = ScheduleTiming.monthly(15, HoursOfRun.parse("9, 6 pm"));
            assertEquals(List.of(prague("2024-05-15T18:00"), prague("2024-06-15T09:00")),
                    upcoming(t, prague("2024-05-15T10:00"), 2));
        }

        @Test
        void lastSundayOfMarchSpringForward() {
            assertEquals(exact("2024-03-31T03:30+02:00[Europe/Prague]"),
                    next(ScheduleTiming.monthly(31, HoursOfRun.parse("2:30")), prague("2024-03-01T00:00")));
        }
    }

    @Nested
    class EveryNthDay {

        private final ScheduleTiming everyThirdDay =
                ScheduleTiming.everyNthDay(3, LocalDate.of(2024, 1, 1), HoursOfRun.parse("3"));

        @ParameterizedTest(name = "from {0} the next run is {1}")
        @CsvSource({
            "2024-01-01T00:00, 2024-01-01T03:00",  // the anchor day itself
            "2024-01-01T03:00, 2024-01-04T03:00",
            "2024-01-02T12:00, 2024-01-04T03:00",
            "2024-01-03T23:59, 2024-01-04T03:00",
            "2024-01-04T02:00, 2024-01-04T03:00",
            "2024-01-04T04:00, 2024-01-07T03:00",
        })
        void everyThirdDayFromTheAnchor(String from, String expected) {
            assertEquals(prague(expected), next(everyThirdDay, prague(from)));
        }

        @Test
        void aSequenceOfRuns() {
            assertEquals(List.of(
                    LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 7),
                    LocalDate.of(2024, 1, 10), LocalDate.of(2024, 1, 13)),
                    dates(upcoming(everyThirdDay, prague("2023-12-31T12:00"), 5)));
        }

        @Test
        void anAnchorInTheFutureIsTheFirstRun() {
            assertEquals(prague("2024-01-01T03:00"), next(everyThirdDay, prague("2023-11-15T10:00")));
        }

        @Test
        void countsThroughTheLeapDay() {
            ScheduleTiming t = ScheduleTiming.everyNthDay(3, LocalDate.of(2024, 2, 26), HoursOfRun.parse("3"));
            assertEquals(List.of(LocalDate.of(2024, 2, 26), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 3)),
                    dates(upcoming(t, prague("2024-02-25T00:00"), 3)));
        }

        @Test
        void countsFromAnAnchorYearsAgo() {
            // 1 January 2000 was a Saturday: every 7th day from it is every Saturday.
            ScheduleTiming t = ScheduleTiming.everyNthDay(7, LocalDate.of(2000, 1, 1), HoursOfRun.parse("3"));
            assertEquals(prague("2024-05-11T03:00"), next(t, prague("2024-05-06T12:00")));
        }

        @Test
        void everyFirstDayIsDaily() {
            ScheduleTiming t = ScheduleTiming.everyNthDay(1, LocalDate.of(2024, 1, 1), HoursOfRun.parse("3, 15"));
            assertEquals(upcoming(daily("3, 15"), prague("2024-03-01T00:00"), 30),
                    upcoming(t, prague("2024-03-01T00:00"), 30));
        }

        @Test
        void severalHoursOnARunDay() {
            ScheduleTiming t = ScheduleTiming.everyNthDay(2, LocalDate.of(2024, 5, 6), HoursOfRun.parse("8, 20"));
            assertEquals(List.of(prague("2024-05-06T20:00"), prague("2024-05-08T08:00"), prague("2024-05-08T20:00")),
                    upcoming(t, prague("2024-05-06T09:00"), 3));
        }

        @Test
        void daysAreCalendarDaysAcrossDst() {
            ScheduleTiming t = ScheduleTiming.everyNthDay(2, LocalDate.of(2024, 3, 29), HoursOfRun.parse("2:30"));
            assertEquals(List.of(
                    exact("2024-03-29T02:30+01:00[Europe/Prague]"),
                    exact("2024-03-31T03:30+02:00[Europe/Prague]"),
                    exact("2024-04-02T02:30+02:00[Europe/Prague]")),
                    upcoming(t, prague("2024-03-28T12:00"), 3));
        }
    }

    @Nested
    class IsDue {

        private final ScheduleTiming healthCheck = ScheduleTiming.everyMinutes(10);

        @Test
        void manualHealthCheckIsNotDueBefore444() {
            assertFalse(NextRun.isDue(healthCheck, prague("2022-09-19T16:34:03"), prague("2022-09-19T16:43:59")));
        }

        @Test
        void manualHealthCheckIsDueAt444() {
            assertTrue(NextRun.isDue(healthCheck, prague("2022-09-19T16:34:03"), prague("2022-09-19T16:44:00")));
        }

        @Test
        void dailyIsDueAtTheHourAndAfter() {
            ScheduleTiming t = daily("3");
            ZonedDateTime last = prague("2022-09-19T14:50:19");
            assertFalse(NextRun.isDue(t, last, prague("2022-09-20T02:59:59")));
            assertTrue(NextRun.isDue(t, last, prague("2022-09-20T03:00")));
            assertTrue(NextRun.isDue(t, last, prague("2022-09-20T03:00:30")));
        }

        @Test
        void aServerDownForDaysRunsOnceOnReturn() {
            ScheduleTiming t = daily("3");
            assertTrue(NextRun.isDue(t, prague("2022-09-19T03:00"), prague("2022-09-25T10:00")));
            // Once run on return, it waits for the next 03:00 rather than catching up each missed day.
            assertEquals(prague("2022-09-26T03:00"), next(t, prague("2022-09-25T10:00:01")));
        }

        @Test
        void notDueRightAfterRunning() {
            assertFalse(NextRun.isDue(daily("3"), prague("2022-09-20T03:00:01"), prague("2022-09-20T03:00:02")));
        }

        @Test
        void nowCarriesTheServerZone() {
            ScheduleTiming t = daily("3");
            ZonedDateTime last = exact("2024-06-01T12:00Z");
            // 01:30 UTC on 2 June is 03:30 in Prague but still 01:30 in UTC.
            ZonedDateTime now = exact("2024-06-02T01:30Z");
            assertTrue(NextRun.isDue(t, last, now.withZoneSameInstant(PRAGUE)));
            assertFalse(NextRun.isDue(t, last, now));
        }
    }

    @Test
    void eachRunIsStrictlyAfterThePreviousOne() {
        List<ScheduleTiming> timings = List.of(
                ScheduleTiming.everyMinutes(7),
                ScheduleTiming.everyHours(5),
                daily("0, 2:30, 2:45, 3, 23:59"),
                ScheduleTiming.weekly(EnumSet.of(SUNDAY, MONDAY), HoursOfRun.parse("2, 2:30, 3")),
                ScheduleTiming.monthly(31, HoursOfRun.parse("2:30")),
                ScheduleTiming.everyNthDay(5, LocalDate.of(2023, 12, 1), HoursOfRun.parse("2:30")));
        for (ScheduleTiming t : timings) {
            ZonedDateTime at = prague("2024-01-01T00:00");
            for (ZonedDateTime run : upcoming(t, at, 400)) {
                ZonedDateTime previous = at;
                assertTrue(run.isAfter(previous), () -> t + ": " + run + " is not after " + previous);
                at = run;
            }
        }
    }
}
