package org.ream.central.logging;

import java.time.Instant;

/** One line of the log view as the web UI gets it; {@code type} is the lower-case type name. */
public record LogRow(long id, Instant at, String type, String subsystem, String context, String text, boolean hasDetails, boolean highlighted) {
}
