package org.ream.central.logging;

import java.time.Instant;

public record LogEntry(long id, Instant at, Severity severity, String subsystem, String context, String message, String details) {
}
