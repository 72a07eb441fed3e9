package org.ream.central.sites;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.persistence.Databases;
import org.ream.central.pins.PinLookupKey;
import org.ream.central.pins.PinPolicy;
import org.ream.central.settings.SettingsStore;
import org.ream.central.users.UserRules;

/**
 * A site asks before it accepts a self-registered user, card or PIN (manual chapter 8): the
 * same uniqueness the users rules enforce here. A user name may not be another user's name or
 * alias (deleted users keep theirs), a card or a PIN may not be another user's.
 */
@ApplicationScoped
public class SiteAuthorisations {

    /** {@code kind} USER, CARD or PIN; {@code username} the user it is for; {@code card} or {@code pin} the new value. */
    public record Request(String kind, String username, String card, String pin) {
    }

    @Inject
    Databases databases;

    @Inject
    PinLookupKey lookup;

    @Inject
    SettingsStore settings;

    public Map<String, Object> decide(Request r) {
        String reason = refusal(r);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("granted", reason == null);
        if (reason != null) {
            out.put("reason", reason);
        }
        return out;
    }

    private String refusal(Request r) {
        if (r == null || r.kind() == null) {
            return "kind is required (USER, CARD or PIN)";
        }
        if (r.username() == null || r.username().isBlank()) {
            return "username is required";
        }
        Long owner = databases.mainJdbc().one("SELECT ID FROM USERS WHERE USERNAME = ?", rs -> rs.getLong(1), r.username()).orElse(null);
        switch (r.kind()) {
            case "USER" -> {
                Map<String, String> errors = UserRules.check(r.username(), r.username(), List.of(), List.of(), null, null, null, null, null, null, false);
                if (errors.containsKey("username")) {
                    return "username " + errors.get("username");
                }
                if (owner != null) {
                    return "the user name '" + r.username() + "' exists already";
                }
                if (databases.mainJdbc().count("SELECT COUNT(*) FROM USER_ALIASES WHERE ALIAS = ?", r.username()) > 0) {
                    return "the user name '" + r.username() + "' is another user's alias";
                }
                return null;
            }
            case "CARD" -> {
                if (r.card() == null || r.card().isBlank()) {
                    return "card is required";
                }
                Map<String, String> errors = UserRules.check(r.username(), r.username(), List.of(), List.of(r.card()), null, null, null, null, null, null, true);
                if (errors.containsKey("cards")) {
                    return errors.get("cards");
                }
                Long cardOwner = databases.mainJdbc().one("SELECT USER_ID FROM USER_CARDS WHERE CARD = ?", rs -> rs.getLong(1), r.card()).orElse(null);
                if (cardOwner != null && !cardOwner.equals(owner)) {
                    return "the card is another user's";
                }
                return null;
            }
            case "PIN" -> {
                if (r.pin() == null || r.pin().isEmpty()) {
                    return "pin is required";
                }
                try {
                    PinPolicy.checkGiven(r.pin(), settings.getInt("pin.minLength"));
                } catch (IllegalArgumentException e) {
                    return "pin " + e.getMessage();
                }
                List<Long> owners = databases.mainJdbc().query("SELECT USER_ID FROM USER_PINS WHERE LOOKUP_KEY IN (?, ?)", rs -> rs.getLong(1),
                        lookup.of(r.pin()), lookup.ofMd5(PinLookupKey.md5Hex(r.pin())));
                if (owners.stream().anyMatch(id -> !id.equals(owner))) {
                    return "the PIN is another user's";
                }
                return null;
            }
            default -> {
                return "unknown kind '" + r.kind() + "' (USER, CARD or PIN)";
            }
        }
    }
}
