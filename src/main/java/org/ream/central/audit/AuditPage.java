package org.ream.central.audit;

import java.time.Instant;
import java.util.List;

/** A page of the audit log, newest first; {@code nextBeforeId} loads the next (older) page, null at the end. */
public record AuditPage(List<AuditRow> entries, boolean hasMore, Long nextBeforeId, Instant from, Instant to, String timeZone) {
}
