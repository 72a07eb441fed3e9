package org.ream.central.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ream.central.persistence.DataAccessException;
import org.ream.central.settings.ValidationException;

/**
 * One JSON error shape for the whole API: {"error": "...", "fields": {"field": "message"}}.
 * Bad input is 400 with the field named; a failing database is 503 (nothing was changed).
 */
public class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    @ServerExceptionMapper
    public Response validation(ValidationException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("fields", e.fields());
        return json(Response.Status.BAD_REQUEST, body);
    }

    /** A rule of a feature refused a field: the same answer as a ValidationException naming it. */
    @ServerExceptionMapper
    public Response invalidField(org.ream.central.validation.InvalidField e) {
        return validation(new ValidationException(e.field(), e.reason()));
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return json(Response.Status.BAD_REQUEST, Map.of("error", String.valueOf(e.getMessage())));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, Map.of("error", e.getMessage() == null ? "Not found" : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response dataAccess(DataAccessException e) {
        LOG.error("Database failure on an API call", e);
        return json(Response.Status.SERVICE_UNAVAILABLE, Map.of("error", "The database is not available, nothing was changed: " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response r = e.getResponse();
        if (r.hasEntity()) {
            return r;
        }
        return json(Response.Status.fromStatusCode(r.getStatus()), Map.of("error", e.getMessage() == null ? r.getStatusInfo().getReasonPhrase() : e.getMessage()));
    }

    static Response json(Response.Status status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
