package org.ream.central.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.security.UserAccounts;
import org.ream.central.settings.SettingDef;
import org.ream.central.settings.SettingsCatalog;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/**
 * Settings pages (chapter 6). The UI draws each form from the field definitions returned
 * here, so adding a setting is one line in {@link SettingsCatalog}.
 */
@Path("/api/settings")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_SETTINGS)
public class SettingsResource {

    public record JobPrivacyRequest(String password) {
    }

    @Inject
    SettingsStore settings;

    @Inject
    CurrentUser current;

    @Inject
    UserAccounts accounts;

    @Inject
    Branding branding;

    /**
     * The logo of the Personalization page. Here rather than in a resource class of its own:
     * Quarkus REST picks the root class by its path first, so a class at
     * /api/settings/personalization took the section's own GET and PUT (404), and one at /api
     * was shadowed by this class.
     */
    @jakarta.ws.rs.PUT
    @Path("/personalization/logo")
    @jakarta.ws.rs.Consumes({"image/png", "image/jpeg", "image/bmp", MediaType.APPLICATION_OCTET_STREAM})
    public jakarta.ws.rs.core.Response uploadLogo(byte[] body) {
        branding.save(body == null ? new byte[0] : body, current.actor());
        return jakarta.ws.rs.core.Response.noContent().build();
    }

    @jakarta.ws.rs.DELETE
    @Path("/personalization/logo")
    public jakarta.ws.rs.core.Response deleteLogo() {
        branding.delete(current.actor());
        return jakarta.ws.rs.core.Response.noContent().build();
    }

    @GET
    public List<String> sections() {
        return new ArrayList<>(SettingsCatalog.sections().keySet());
    }

    @GET
    @Path("/{section}")
    public Map<String, Object> get(@PathParam("section") String section) {
        Map<String, Object> values = settings.view(section);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (SettingDef d : SettingsCatalog.section(section).orElseThrow()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("key", d.key());
            f.put("type", d.type().name());
            f.put("required", d.required());
            f.put("readOnly", d.readOnly());
            f.put("options", d.options());
            if (d.type() == SettingDef.Type.INT) {
                f.put("min", d.min());
                f.put("max", d.max());
            }
            if (d.type() == SettingDef.Type.LANGUAGE) {
                f.put("options", SettingsCatalog.LANGUAGES);
            }
            f.put("value", values.get(d.key()));
            fields.add(f);
        }
        return Map.of("section", section, "fields", fields);
    }

    @PUT
    @Path("/{section}")
    public Map<String, Object> save(@PathParam("section") String section, Map<String, String> values) {
        if (values == null) {
            throw new ValidationException("body", "expected a JSON object of settings");
        }
        Set<String> changed = settings.update(section, values, current.actor());
        Map<String, Object> out = new LinkedHashMap<>(get(section));
        out.put("changed", changed);
        return out;
    }

    /** Job privacy (6.1): irreversible, confirmed with the administrator's password. */
    @POST
    @Path("/general/job-privacy")
    public Map<String, Object> enableJobPrivacy(JobPrivacyRequest body) {
        if (settings.getBool("privacy.jobPrivacy")) {
            return Map.of("jobPrivacy", true);
        }
        if (body == null || body.password() == null || !accounts.checkPassword(current.get().userId(), body.password())) {
            throw new ValidationException("password", "is not your password; job privacy stays off");
        }
        settings.write(Map.of("privacy.jobPrivacy", "true"), current.actor(), "Job privacy was enabled (irreversible).", "general");
        return Map.of("jobPrivacy", true);
    }
}
