package org.ream.central.usersettings;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.pins.PinPolicy;
import org.ream.central.pins.Pins;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsCatalog;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/**
 * The actions of the user settings page (8.8); its fields are the settings section "users"
 * (/api/settings/users). Raising the minimal PIN length does not touch existing PINs: the page
 * offers {@code regenerate-pins}, as the manual's pop-up does.
 */
@Path("/api/user-settings")
@Produces(MediaType.APPLICATION_JSON)
public class UserSettingsResource {

    /** Which mail texts "revert values" restores. */
    static final Map<String, List<String>> TEMPLATES = Map.of(
            "new-pin", List.of("pin.mailSubject", "pin.mailMessage"),
            "pin-reset", List.of("pin.resetMailSubject", "pin.resetMailMessage"));

    @Inject
    Pins pins;

    @Inject
    SettingsStore settings;

    @Inject
    Databases databases;

    @Inject
    AuditLog audit;

    @Inject
    CurrentUser current;

    /** PIN lengths: configured, required by the number of users, and what the generator uses now. */
    @GET
    @Path("/pin-length")
    @RequiresRight({Right.MANAGE_SETTINGS, Right.MANAGE_USERS})
    public Map<String, Object> pinLength() {
        long users = databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE DELETED_AT IS NULL AND IS_SYSTEM = ?", false);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("configured", settings.getInt("pin.minLength"));
        out.put("users", users);
        out.put("requiredByUsers", PinPolicy.lengthForUsers(users));
        out.put("generated", PinPolicy.generatedLength(settings.getInt("pin.minLength"), users));
        out.put("regenerating", pins.regenerating());
        return out;
    }

    /** "Generate new PINs for all active users" after the minimal length was raised: old PINs go, new ones are mailed. */
    @POST
    @Path("/regenerate-pins")
    @RequiresRight(Right.MANAGE_SETTINGS)
    public Response regeneratePins() {
        int users = pins.regenerateAll(current.actor());
        return Response.accepted(Map.of("users", users)).build();
    }

    /** "Revert values" of a PIN mail: subject and message back to the defaults shipped in resources/. */
    @POST
    @Path("/templates/{name}/revert")
    @RequiresRight(Right.MANAGE_SETTINGS)
    public Map<String, Object> revert(@PathParam("name") String name) {
        List<String> keys = TEMPLATES.get(name);
        if (keys == null) {
            throw new ValidationException("name", "'" + name + "' is not a mail of the user settings (" + String.join(", ", TEMPLATES.keySet()) + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String k : keys) {
            String def = SettingsCatalog.userMailDefault(k);
            if (!def.equals(settings.get(k))) {
                values.put(k, def);
            }
        }
        if (!values.isEmpty()) {
            settings.write(values, current.actor(), "The mail '" + name + "' was reverted to its default text.", "users");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, settings.get(k));
        }
        return out;
    }

    /** "Enable deleting all ID cards" (8.8): removes every user's cards in one audited transaction. */
    @POST
    @Path("/delete-all-cards")
    @RequiresRight({Right.MANAGE_USERS, Right.DELETE_CARDS})
    public Map<String, Object> deleteAllCards() {
        if (!settings.getBool("users.deleteAllCards")) {
            throw new ValidationException("users.deleteAllCards", "must be enabled in the user settings before all ID cards can be deleted");
        }
        int n = databases.mainJdbc().inTransaction(c -> {
            int deleted = Jdbc.update(c, "DELETE FROM USER_CARDS");
            audit.record(c, current.actor(), "Users", "CARDS_DELETED", "All ID cards were deleted (" + deleted + ").", null, null);
            return deleted;
        });
        return Map.of("deleted", n);
    }
}
