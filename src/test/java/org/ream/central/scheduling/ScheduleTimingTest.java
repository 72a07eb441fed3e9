package org.ream.central.scheduling;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTimingTest {

    private static final List<LocalTime> THREE_AM = List.of(LocalTime.of(3, 0));
    private static final LocalDate ANCHOR = LocalDate.of(2024, 1, 1);

    private static InvalidScheduleException refused(String field, Executable build) {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class, build);
        assertEquals(field, e.field(), e.getMessage());
        return e;
    }

    // The predefined tasks of the manual's task scheduler list.
    @Test
    void systemHealthCheckEveryTenMinutes() {
        ScheduleTiming t = ScheduleTiming.everyMinutes(10);
        assertEquals(Repetition.MINUTE, t.repetition());
        assertEquals(10, t.interval());
        assertEquals(List.of(), t.hours());
        assertEquals(Set.of(), t.weekdays());
        assertEquals(0, t.dayOfMonth());
        assertNull(t.anchorDate());
    }

    @Test
    void historyDeletionDailyAtThree() {
        ScheduleTiming t = ScheduleTiming.daily(HoursOfRun.parse("3"));
        assertEquals(Repetition.DAILY, t.repetition());
        assertEquals(1, t.interval());
        assertEquals(THREE_AM, t.hours());
    }

    @Test
    void userSynchronizationEveryNthDay() {
        ScheduleTiming t = ScheduleTiming.everyNthDay(3, ANCHOR, HoursOfRun.parse("1 am; 1 pm"));
        assertEquals(Repetition.EVERY_NTH_DAY, t.repetition());
        assertEquals(3, t.interval());
        assertEquals(ANCHOR, t.anchorDate());
        assertEquals(List.of(LocalTime.of(1, 0), LocalTime.of(13, 0)), t.hours());
    }

    @Test
    void auditLogExportWeekly() {
        ScheduleTiming t = ScheduleTiming.weekly(EnumSet.of(MONDAY, FRIDAY), HoursOfRun.parse("6 pm"));
        assertEquals(EnumSet.of(MONDAY, FRIDAY), t.weekdays());
    }

    @Test
    void hoursAreSortedAndDeduplicated() {
        ScheduleTiming t = ScheduleTiming.daily(List.of(LocalTime.of(14, 0), LocalTime.of(3, 0), LocalTime.of(14, 0)));
        assertEquals(List.of(LocalTime.of(3, 0), LocalTime.of(14, 0)), t.hours());
    }

    @Test
    void keepsItsOwnCopies() {
        List<LocalTime> hours = new ArrayList<>(THREE_AM);
        Set<DayOfWeek> days = new HashSet<>(Set.of(MONDAY));
        ScheduleTiming t = ScheduleTiming.weekly(days, hours);
        hours.add(LocalTime.NOON);
        days.add(FRIDAY);
        assertEquals(THREE_AM, t.hours());
        assertEquals(Set.of(MONDAY), t.weekdays());
        assertThrows(UnsupportedOperationException.class, () -> t.hours().add(LocalTime.NOON));
        assertThrows(UnsupportedOperationException.class, () -> t.weekdays().add(WEDNESDAY));
    }

    @Test
    void equalWhateverTheOrderOfInput() {
        assertEquals(
                ScheduleTiming.weekly(EnumSet.of(FRIDAY, MONDAY), HoursOfRun.parse("14; 9")),
                ScheduleTiming.weekly(new HashSet<>(List.of(MONDAY, FRIDAY)), HoursOfRun.parse("9, 14")));
    }

    @Test
    void repetitionIsRequired() {
        refused("repetition", () -> new ScheduleTiming(null, 1, null, 0, THREE_AM, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void minuteIntervalMustBePositive(int n) {
        InvalidScheduleException e = refused("interval", () -> ScheduleTiming.everyMinutes(n));
        assertEquals("Every N minutes: must be 1 or more, was " + n, e.getMessage());
    }

    @Test
    void hourlyIntervalMustBePositive() {
        refused("interval", () -> ScheduleTiming.everyHours(0));
    }

    @Test
    void nthDayIntervalMustBePositive() {
        InvalidScheduleException e = refused("interval", () -> ScheduleTiming.everyNthDay(0, ANCHOR, THREE_AM));
        assertTrue(e.getMessage().startsWith("Every N-th day:"), e.getMessage());
    }

    @Test
    void dailyHasNoInterval() {
        InvalidScheduleException e = refused("interval",
                () -> new ScheduleTiming(Repetition.DAILY, 2, null, 0, THREE_AM, null));
        assertTrue(e.getMessage().contains("daily"), e.getMessage());
    }

    @Test
    void weeklyNeedsAWeekday() {
        InvalidScheduleException e = refused("weekdays", () -> ScheduleTiming.weekly(Set.of(), THREE_AM));
        assertEquals("Day: choose at least one weekday for weekly repetition", e.getMessage());
        refused("weekdays", () -> ScheduleTiming.weekly(null, THREE_AM));
    }

    @Test
    void weekdaysOnlyForWeekly() {
        refused("weekdays", () -> new ScheduleTiming(Repetition.DAILY, 1, Set.of(MONDAY), 0, THREE_AM, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 32, -5})
    void dayOfMonthIsOneToThirtyOne(int day) {
        InvalidScheduleException e = refused("dayOfMonth", () -> ScheduleTiming.monthly(day, THREE_AM));
        assertEquals("Day of month: must be 1 to 31, was " + day, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 28, 29, 30, 31})
    void anyDayOfMonthUpToThirtyOneIsAccepted(int day) {
        assertEquals(day, ScheduleTiming.monthly(day, THREE_AM).dayOfMonth());
    }

    @Test
    void dayOfMonthOnlyForMonthly() {
        refused("dayOfMonth", () -> new ScheduleTiming(Repetition.WEEKLY, 1, Set.of(MONDAY), 15, THREE_AM, null));
    }

    @ParameterizedTest
    @EnumSource(value = Repetition.class, names = {"DAILY", "WEEKLY", "MONTHLY", "EVERY_NTH_DAY"})
    void hoursAreRequiredForRepetitionsAtHoursOfRun(Repetition repetition) {
        InvalidScheduleException e = refused("hours", () -> ScheduleTiming.of(repetition,
                repetition.usesInterval() ? 2 : null,
                repetition == Repetition.WEEKLY ? Set.of(MONDAY) : null,
                repetition == Repetition.MONTHLY ? 1 : null,
                HoursOfRun.parse(""),
                repetition == Repetition.EVERY_NTH_DAY ? ANCHOR : null));
        assertEquals("Hours of run: required for " + repetition.label().toLowerCase(Locale.ROOT)
                + " repetition; use hh:mm, hh, h:mm, hh am or hh pm", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Repetition.class, names = {"MINUTE", "HOURLY"})
    void hoursDoNotApplyToIntervalRepetitions(Repetition repetition) {
        refused("hours", () -> new ScheduleTiming(repetition, 5, null, 0, THREE_AM, null));
    }

    @Test
    void hoursAreWholeMinutes() {
        refused("hours", () -> ScheduleTiming.daily(List.of(LocalTime.of(3, 0, 30))));
    }

    @Test
    void everyNthDayNeedsAnAnchor() {
        InvalidScheduleException e = refused("anchorDate", () -> ScheduleTiming.everyNthDay(3, null, THREE_AM));
        assertTrue(e.getMessage().startsWith("Start date: required"), e.getMessage());
    }

    @Test
    void anchorOnlyForEveryNthDay() {
        refused("anchorDate", () -> new ScheduleTiming(Repetition.DAILY, 1, null, 0, THREE_AM, ANCHOR));
    }

    @Test
    void formFieldsLeftEmptyAreNeutral() {
        ScheduleTiming t = ScheduleTiming.of(Repetition.MONTHLY, null, null, 31, THREE_AM, null);
        assertEquals(ScheduleTiming.monthly(31, THREE_AM), t);
    }

    @Test
    void formNeedsAnIntervalForMinuteRepetition() {
        InvalidScheduleException e = refused("interval",
                () -> ScheduleTiming.of(Repetition.MINUTE, null, null, null, null, null));
        assertEquals("Every N minutes: required", e.getMessage());
    }

    @Test
    void formWithoutRepetitionNamesRepetition() {
        refused("repetition", () -> ScheduleTiming.of(null, null, null, null, THREE_AM, null));
    }

    @Test
    void readsPlainly() {
        assertEquals("every 10 minute(s)", ScheduleTiming.everyMinutes(10).toString());
        assertEquals("weekly on [MONDAY, FRIDAY] at 06:00, 18:00",
                ScheduleTiming.weekly(Set.of(FRIDAY, MONDAY), HoursOfRun.parse("6 pm, 6 am")).toString());
    }

    @Test
    void labelsAreTheManualsWords() {
        assertEquals("Minute", Repetition.MINUTE.label());
        assertEquals("Daily", Repetition.DAILY.label());
        assertEquals("Every N-th day", Repetition.EVERY_NTH_DAY.label());
    }
}
