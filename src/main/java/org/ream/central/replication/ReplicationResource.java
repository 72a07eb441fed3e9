package org.ream.central.replication;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.ValidationException;

/**
 * Replication as a whole (6.14.1): the progress of the load phase for the Sites tab (payloads
 * waiting, loading, loaded, failed and their records) and "load stored data again".
 */
@Path("/api/replication")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_SETTINGS)
public class ReplicationResource {

    /** {@code recordByRecord}: look up every record even of payloads known loaded (rows deleted since come back). */
    public record ReloadInput(List<Long> sites, Boolean recordByRecord) {
    }

    @Inject
    ReplicationRuns runs;

    /** Progress of the payloads whose load started at or after {@code since} (ISO-8601), or of all stored ones. */
    @GET
    @Path("/status")
    public Map<String, Object> status(@QueryParam("since") String since) {
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since.strip());
            } catch (DateTimeParseException e) {
                throw new ValidationException("since", "an ISO-8601 instant such as 2026-11-26T08:00:00Z, not \"" + since + "\"");
            }
        }
        return runs.progress(from);
    }

    /** Queues the stored payloads of the given sites (all when none) for loading again. */
    @POST
    @Path("/reload")
    public Map<String, Object> reload(ReloadInput input) {
        int queued = runs.reload(input == null ? List.of() : input.sites(), input != null && Boolean.TRUE.equals(input.recordByRecord()));
        return Map.of("queued", queued);
    }
}
