package org.ream.central.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Helpers the mail templates call as {@code $fmt}: times in the server's time zone,
 * durations, and HTML that the HTML part must not escape again.
 */
public final class MailFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** Markup that is already safe to insert into the HTML part as is. */
    public record Html(String markup) {
        @Override
        public String toString() {
            return markup;
        }
    }

    private final ZoneId zone;

    public MailFormat(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * A point in time as the server's users read it ("2026-11-25 14:03:07", general time zone).
     * Accepts instants and ISO text as they come out of the JSON on the queue; anything else is
     * shown as it is, so a template never fails on a value it did not expect.
     */
    public String time(Object value) {
        Instant instant = toInstant(value);
        if (instant == null) {
            return value == null ? "" : value.toString();
        }
        return TIME.format(instant.atZone(zone));
    }

    /** The time between two points ("3 min 05 s"), or empty when either is unknown. */
    public String duration(Object from, Object to) {
        Instant a = toInstant(from);
        Instant b = toInstant(to);
        if (a == null || b == null || b.isBefore(a)) {
            return "";
        }
        return duration(Duration.between(a, b));
    }

    public static String duration(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + " ms";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** Plain text as HTML paragraphs: blank lines separate paragraphs, single line breaks are kept. */
    public Html paragraphs(Object text) {
        if (text == null || text.toString().isBlank()) {
            return new Html("");
        }
        StringBuilder out = new StringBuilder();
        for (String para : text.toString().replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            out.append("<p>").append(escapeHtml(para.strip()).replace("\n", "<br>\n")).append("</p>\n");
        }
        return new Html(out.toString());
    }

    public static String escapeHtml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof TemporalAccessor t && !(value instanceof LocalDateTime)) {
            try {
                return Instant.from(t);
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (value instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        if (!(value instanceof CharSequence)) {
            return null;
        }
        String s = value.toString().strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // try the other ISO forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            return ZonedDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            // No offset: a local time of the server, as the database and the UI use
            // ("2026-11-25T14:03:07", or with a space as the scheduler writes it).
            return LocalDateTime.parse(s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s)
                    .atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
