package org.ream.central.reporting.query;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import org.ream.central.persistence.Dialect;

/**
 * Where and for whom a report runs: the database's SQL dialect, the moment in the server's time
 * zone (relative periods resolve against it, days and months are cut in it), the first day of
 * the week, who runs it and in which language its labels and day names are written.
 */
public record RunContext(Dialect dialect, ZonedDateTime now, DayOfWeek firstDayOfWeek, Viewer viewer, String language) {

    /**
     * The user running the report. {@code allData}: the user may see every user's data (the
     * type's right, or the administrator); otherwise only their own, through the user filter's
     * "Me".
     */
    public record Viewer(long userId, String username, boolean allData) {
        public Viewer {
            Objects.requireNonNull(username, "username");
        }
    }

    public RunContext {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(viewer, "viewer");
        firstDayOfWeek = firstDayOfWeek == null ? DayOfWeek.MONDAY : firstDayOfWeek;
        language = language == null || language.isBlank() ? "en" : language;
    }

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }
}
