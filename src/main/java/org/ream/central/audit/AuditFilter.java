package org.ream.central.audit;

import java.time.ZonedDateTime;
import java.util.List;
import org.ream.central.logging.InvalidFilterException;
import org.ream.central.logging.LogFilter;
import org.ream.central.logging.Period;

/**
 * The filters of the audit log (manual 5.6: period, user, event type) plus subsystem and a
 * search in the description. {@code user} matches part of the user name, case-insensitively.
 */
public record AuditFilter(Period.Range range, String user, Long userId, List<String> eventTypes, List<String> subsystems, String text) {

    public static AuditFilter parse(String period, String from, String to, String user, Long userId, String eventTypes, String subsystems,
            String text, ZonedDateTime now) {
        if (userId != null && userId < 0) {
            throw new InvalidFilterException("userId", "must be a user id");
        }
        return new AuditFilter(Period.filter(period, from, to, now), LogFilter.trimToNull(user), userId, LogFilter.list(eventTypes, "eventType"),
                LogFilter.list(subsystems, "subsystem"), LogFilter.trimToNull(text));
    }
}
