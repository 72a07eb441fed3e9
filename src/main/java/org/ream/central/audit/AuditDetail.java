package org.ream.central.audit;

import java.time.Instant;

/** One change with its details, for the panel that opens on a double-click (5.6). */
public record AuditDetail(long id, Instant at, String description, String context, String user, Long userId, String userName, String subsystem,
        String eventType, String details) {
}
