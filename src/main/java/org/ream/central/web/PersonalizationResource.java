package org.ream.central.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsStore;

/** The logo upload of the Personalization page, and the dashboard message as users see it. */
@Path("/api")
public class PersonalizationResource {

    @Inject
    Branding branding;

    @Inject
    CurrentUser current;

    @Inject
    SettingsStore settings;

    @PUT
    @Path("/settings/personalization/logo")
    @Consumes({"image/png", "image/jpeg", "image/bmp", MediaType.APPLICATION_OCTET_STREAM})
    @RequiresRight(Right.MANAGE_SETTINGS)
    public Response upload(byte[] body) {
        branding.save(body == null ? new byte[0] : body, current.actor());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/settings/personalization/logo")
    @RequiresRight(Right.MANAGE_SETTINGS)
    public Response delete() {
        branding.delete(current.actor());
        return Response.noContent().build();
    }

    /** The dashboard message with %admin% replaced by the administrator's email (6.2), and the custom help link. */
    @GET
    @Path("/dashboard/message")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> message() {
        String text = settings.get("personalization.dashboardMessage").replace("%admin%", settings.get("general.adminEmail"));
        return Map.of("message", text, "helpTitle", settings.get("personalization.helpTitle"), "helpUrl", settings.get("personalization.helpUrl"));
    }
}
