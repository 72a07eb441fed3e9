package org.ream.central.reporting;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.ValidationException;

/**
 * The External reports settings tab (6.10). Administrators only: the account reads every
 * user's accounting data. A refusal by the database is 409 with its words; nothing was saved.
 */
@Path("/api/external-reports")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.ADMINISTRATOR)
public class ExternalReportsResource {

    /** {@code enabled}, and when turning on or changing it, the new password twice. */
    public record Change(Boolean enabled, String password, String confirmPassword) {
    }

    @Inject
    ExternalReports reports;

    @Inject
    CurrentUser current;

    @GET
    public ExternalReports.Status status() {
        return reports.status();
    }

    @PUT
    public Map<String, Object> change(Change change) {
        if (change == null || change.enabled() == null) {
            throw new ValidationException("enabled", "is required (true or false)");
        }
        ExternalReports.Outcome outcome = change.enabled()
                ? reports.enable(change.password(), change.confirmPassword(), current.actor())
                : reports.disable(current.actor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changed", outcome.changed());
        out.put("message", outcome.message());
        out.put("status", reports.status());
        return out;
    }

    @ServerExceptionMapper
    public Response refused(ReaderAccountRefused e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
    }
}
