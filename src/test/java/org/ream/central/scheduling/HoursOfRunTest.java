package org.ream.central.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HoursOfRunTest {

    private static List<LocalTime> times(String... values) {
        return Arrays.stream(values).map(LocalTime::parse).toList();
    }

    // One case per format the schedule panel lists under the field: hh:mm, hh, h:mm, hh am, hh p.
    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', value = {
        "14:30    | 14:30",
        "14       | 14:00",
        "9:05     | 09:05",
        "09:05    | 09:05",
        "0        | 00:00",
        "00:00    | 00:00",
        "23:59    | 23:59",
        "9 am     | 09:00",
        "9am      | 09:00",
        "9 AM     | 09:00",
        "09 am    | 09:00",
        "12 pm    | 12:00",
        "12 am    | 00:00",
        "12:30 am | 00:30",
        "12:45 pm | 12:45",
        "11:30 pm | 23:30",
        "11:30pm  | 23:30",
        "1 pm     | 13:00",
        "3 p      | 15:00",
        "3p       | 15:00",
        "3 a      | 03:00",
        "3 P      | 15:00",
    })
    void readsEachFormat(String text, String expected) {
        assertEquals(List.of(LocalTime.parse(expected)), HoursOfRun.parse(text));
    }

    @Test
    void commaSeparatesValues() {
        assertEquals(times("09:00", "14:30"), HoursOfRun.parse("9,14:30"));
    }

    @Test
    void semicolonSeparatesValues() {
        assertEquals(times("09:00", "14:30"), HoursOfRun.parse("9;14:30"));
    }

    @Test
    void separatorsMayBeMixedAndSpaced() {
        assertEquals(times("03:00", "09:00", "12:00", "21:15"),
                HoursOfRun.parse(" 3 am ;  9:00 , 12 pm;9:15 pm "));
    }

    @Test
    void resultIsSorted() {
        assertEquals(times("01:00", "08:00", "23:00"), HoursOfRun.parse("23, 8, 1"));
    }

    @Test
    void sameTimeWrittenTwiceCountsOnce() {
        assertEquals(times("00:00", "15:00"), HoursOfRun.parse("15; 3 pm; 15:00; 12 am; 0"));
    }

    @Test
    void trailingOrDoubledSeparatorIsIgnored() {
        assertEquals(times("09:00", "14:00"), HoursOfRun.parse("9:00;; 14:00;"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", " ; ", ",,"})
    void blankTextMeansNoHours(String text) {
        assertEquals(List.of(), HoursOfRun.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {
        "25:00", "24", "24:00", "12:60", "9:5", "9:005", "123", "-1", "9.30", "9h30", "9:30:15",
        "13 pm", "0 am", "0 pm", "00 am", "noon", "9 a.m.", "9 :30", "am", "9 am 10 am", "9 14", ":30",
        "nine", "14:30 h", "9 xm"})
    void refusesWhatIsNotATimeOfDay(String value) {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> HoursOfRun.parse(value));
        assertEquals("hours", e.field());
        assertEquals("Hours of run: \"" + value + "\" is not a time of day; use hh:mm, hh, h:mm, hh am or hh pm",
                e.getMessage());
    }

    @Test
    void errorNamesTheOffendingValueNotTheWholeText() {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
                () -> HoursOfRun.parse("3:00; 25:00 ; 14"));
        assertTrue(e.getMessage().contains("\"25:00\" is not a time of day"), e.getMessage());
    }

    @Test
    void errorIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> HoursOfRun.parse("25:00"));
    }

    @Test
    void formatsCanonically() {
        assertEquals("09:00, 14:30", HoursOfRun.format(times("14:30", "09:00", "14:30")));
    }

    @Test
    void formatsNothingAsEmptyText() {
        assertEquals("", HoursOfRun.format(List.of()));
        assertEquals("", HoursOfRun.format(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9", "12 am, 11:30 pm", "3 p; 3 a; 14:30; 9:05", "0:00"})
    void formatReadsBackToTheSameHours(String text) {
        List<LocalTime> hours = HoursOfRun.parse(text);
        String canonical = HoursOfRun.format(hours);
        assertEquals(hours, HoursOfRun.parse(canonical));
        assertEquals(canonical, HoursOfRun.format(HoursOfRun.parse(canonical)));
    }

    @Test
    void formatRefusesSecondsItCouldNotWriteBack() {
        assertThrows(InvalidScheduleException.class, () -> HoursOfRun.format(times("09:00:30")));
    }
}
