package org.ream.central.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;

/**
 * The logo upload of the Personalization page. Its own path prefix: Quarkus REST matches the
 * class path first, so under "/api" these methods were shadowed by SettingsResource (404).
 */
@Path("/api/settings/personalization")
public class PersonalizationResource {

    @Inject
    Branding branding;

    @Inject
    CurrentUser current;

    @PUT
    @Path("/logo")
    @Consumes({"image/png", "image/jpeg", "image/bmp", MediaType.APPLICATION_OCTET_STREAM})
    @RequiresRight(Right.MANAGE_SETTINGS)
    public Response upload(byte[] body) {
        branding.save(body == null ? new byte[0] : body, current.actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/logo")
    @RequiresRight(Right.MANAGE_SETTINGS)
    public Response delete() {
        branding.delete(current.actor());
        return Response.noContent().build();
    }
}
