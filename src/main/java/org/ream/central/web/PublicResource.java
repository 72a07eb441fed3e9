package org.ream.central.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.security.Public;
import org.ream.central.settings.SettingsCatalog;
import org.ream.central.settings.SettingsStore;

/** What the login page needs before anyone logs in: languages, themes, the custom logo. */
@Path("/api/public")
@Public
public class PublicResource {

    public static final List<String> THEMES = List.of("system", "blue", "red", "dark", "contrast");

    @Inject
    SettingsStore settings;

    @Inject
    Branding branding;

    @GET
    @Path("/info")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("product", "Ream Central");
        out.put("languages", SettingsCatalog.LANGUAGES);
        out.put("defaultLanguage", settings.get("general.defaultLanguage"));
        out.put("themes", THEMES);
        out.put("defaultTheme", "red");
        out.put("customLogo", branding.logo().isPresent());
        return out;
    }

    @GET
    @Path("/logo")
    public Response logo() {
        return branding.logo()
                .map(l -> Response.ok(l.bytes(), l.mediaType()).header("Cache-Control", "no-cache").build())
                .orElse(Response.status(Response.Status.NOT_FOUND).build());
    }
}
