package org.ream.central.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.ream.central.settings.SettingsStore;

/**
 * The dashboard message as users see it. A class of its own with the full path: Quarkus REST
 * matches the class path first, so under "/api" it was shadowed by DashboardResource (404).
 */
@Path("/api/dashboard/message")
public class DashboardMessageResource {

    @Inject
    SettingsStore settings;

    /** The dashboard message with %admin% replaced by the administrator's email (6.2), and the custom help link. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> message() {
        String text = settings.get("personalization.dashboardMessage").replace("%admin%", settings.get("general.adminEmail"));
        return Map.of("message", text, "helpTitle", settings.get("personalization.helpTitle"), "helpUrl", settings.get("personalization.helpUrl"));
    }
}
