package org.ream.central.logging;

import java.time.Instant;
import java.util.List;

/**
 * A page of the log view. {@code nextBeforeId} loads older entries (null when there are none);
 * {@code nextAfterId} is where the live view polls from next: everything newer than it that
 * matches the filters will come, nothing older will repeat (null on pages loaded with beforeId).
 */
public record LogPage(List<LogRow> entries, boolean hasMore, Long nextBeforeId, Long nextAfterId, Instant from, Instant to, String timeZone) {
}
