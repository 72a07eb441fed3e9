package org.ream.central.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailFormatTest {

    private final MailFormat prague = new MailFormat(ZoneId.of("Europe/Prague"));

    @ParameterizedTest(name = "{0} is {1} in Prague")
    @CsvSource(delimiter = '|', value = {
        "2026-11-25T13:03:07Z             | 2026-11-25 14:03:07",
        "2026-11-25T13:03:07.123456Z      | 2026-11-25 14:03:07",
        "2026-07-01T10:00:00+02:00        | 2026-07-01 10:00:00",
        "2026-11-25T14:03:07              | 2026-11-25 14:03:07",
        "2026-11-25 14:03:07              | 2026-11-25 14:03:07",
        "2026-11-25T14:03:07+01:00[Europe/Prague] | 2026-11-25 14:03:07",
    })
    void timesAreShownInTheServersTimeZone(String iso, String shown) {
        assertThat(prague.time(iso)).isEqualTo(shown);
    }

    @Test
    void timeAcceptsInstantsAndShowsAnythingElseAsItIs() {
        assertThat(prague.time(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("2026-01-01 01:00:00");
        assertThat(prague.time("yesterday")).isEqualTo("yesterday");
        assertThat(prague.time(42)).isEqualTo("42");
        assertThat(prague.time(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} s is {1}")
    @CsvSource(delimiter = '|', value = {"1 | 1 s", "59 | 59 s", "60 | 1 min 00 s", "185 | 3 min 05 s", "3600 | 1 h 00 min", "7385 | 2 h 03 min"})
    void durationsReadNaturally(long seconds, String shown) {
        assertThat(MailFormat.duration(Duration.ofSeconds(seconds))).isEqualTo(shown);
    }

    @Test
    void lessThanASecondIsInMilliseconds() {
        assertThat(MailFormat.duration(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(MailFormat.duration(Duration.ZERO)).isEqualTo("0 ms");
    }

    @Test
    void durationBetweenTwoTimesIsEmptyWhenUnknownOrBackwards() {
        assertThat(prague.duration("2026-11-25T13:00:00Z", "2026-11-25T13:03:05Z")).isEqualTo("3 min 05 s");
        assertThat(prague.duration("2026-11-25 14:00:00", "2026-11-25 15:02:00")).isEqualTo("1 h 02 min");
        assertThat(prague.duration("2026-11-25T13:00:00Z", null)).isEmpty();
        assertThat(prague.duration("2026-11-25T13:00:00Z", "2026-11-25T12:00:00Z")).isEmpty();
    }

    @Test
    void htmlIsEscaped() {
        assertThat(MailFormat.escapeHtml("<b>\"Tom & Jerry's\"</b>")).isEqualTo("&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;");
        assertThat(MailFormat.escapeHtml(null)).isEmpty();
    }

    @Test
    void plainTextBecomesEscapedParagraphs() {
        assertThat(prague.paragraphs("Line <1>\nline 2\n\n  Second & last  ").markup())
                .isEqualTo("<p>Line &lt;1&gt;<br>\nline 2</p>\n<p>Second &amp; last</p>\n");
        assertThat(prague.paragraphs(null).markup()).isEmpty();
    }
}
