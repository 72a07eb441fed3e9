package org.ream.central.logging;

import java.time.Instant;

/** One log entry with its details (stack trace, payload), for the details panel. */
public record LogDetail(long id, Instant at, String type, String subsystem, String context, String text, boolean hasDetails, boolean highlighted,
        String details) {
}
