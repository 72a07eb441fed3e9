package org.ream.central.audit;

import java.time.Instant;

/**
 * One change in the audit log. {@code user} is what the manual's grid shows ("Administrator
 * *admin"); {@code userId} is null for changes made by the server itself.
 */
public record AuditRow(long id, Instant at, String description, String context, String user, Long userId, String userName, String subsystem,
        String eventType, boolean hasDetails) {
}
