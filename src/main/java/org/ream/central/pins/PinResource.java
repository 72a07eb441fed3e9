package org.ream.central.pins;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;

/** A user's PINs for administrators (8.4.1): never the PIN itself, except a generated one, once. */
@Path("/api/users/{userId}/pins")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_USERS)
public class PinResource {

    public record AddRequest(String pin) {
    }

    public record GenerateRequest(Boolean mail) {
    }

    @Inject
    Pins pins;

    @Inject
    CurrentUser current;

    @GET
    public List<Pins.PinInfo> list(@PathParam("userId") long userId) {
        return pins.list(userId);
    }

    @POST
    public Response add(@PathParam("userId") long userId, AddRequest body) {
        long id = pins.add(userId, body == null ? null : body.pin(), current.actor());
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id)).build();
    }

    @POST
    @Path("/generate")
    public Response generate(@PathParam("userId") long userId, GenerateRequest body) {
        boolean mail = body != null && Boolean.TRUE.equals(body.mail());
        return Response.status(Response.Status.CREATED).entity(pins.generate(userId, current.actor(), mail, false)).build();
    }

    @DELETE
    @Path("/{pinId}")
    public Response delete(@PathParam("userId") long userId, @PathParam("pinId") long pinId) {
        pins.delete(userId, pinId, current.actor());
        return Response.noContent().build();
    }
}
