package org.ream.central.selfservice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.pins.Pins;
import org.ream.central.security.SessionUser;
import org.ream.central.settings.SettingDef;
import org.ream.central.settings.SettingValidator;
import org.ream.central.settings.SettingsCatalog;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/** What a user may change on their own account, under the user settings of the manual (8.8). */
@ApplicationScoped
public class SelfService {

    private static final SettingDef EMAIL = SettingDef.of("email", SettingDef.Type.EMAIL, "", false);

    record Me(long id, String username, String fullName, String email, String phone, String personalNumber, String language,
            boolean useAuthServer) {
    }

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    AuditLog audit;

    @Inject
    Pins pins;

    public Map<String, Object> profile(SessionUser user) {
        Me me = me(user.userId());
        boolean editing = settings.getBool("users.profileEditing");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", me.id());
        out.put("username", me.username());
        out.put("fullName", me.fullName());
        out.put("email", me.email());
        out.put("language", me.language() == null || me.language().isBlank() ? settings.get("general.defaultLanguage") : me.language().trim());
        out.put("groups", databases.mainJdbc().query("SELECT g.ID, g.NAME, g.FULL_PATH, m.IS_ACCOUNTING, m.IS_MANAGER FROM GROUP_MEMBERS m"
                + " JOIN USER_GROUPS g ON g.ID = m.GROUP_ID WHERE m.USER_ID = ? ORDER BY g.FULL_PATH", rs -> {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("id", rs.getLong(1));
                    g.put("name", rs.getString(2));
                    g.put("path", rs.getString(3));
                    g.put("accounting", rs.getBoolean(4));
                    g.put("manager", rs.getBoolean(5));
                    return g;
                }, me.id()));
        out.put("pinCount", pins.count(me.id()));
        out.put("rights", user.rights());
        out.put("profileEditing", editing);
        out.put("canChangePin", settings.getBool("pin.userCanChange"));
        out.put("canChangePassword", !me.useAuthServer());
        if (settings.getBool("users.moreProfileInfo")) {
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("phone", me.phone());
            more.put("personalNumber", me.personalNumber());
            more.put("cards", databases.mainJdbc().count("SELECT COUNT(*) FROM USER_CARDS WHERE USER_ID = ?", me.id()));
            more.put("aliases", databases.mainJdbc().query("SELECT ALIAS FROM USER_ALIASES WHERE USER_ID = ? ORDER BY ALIAS", rs -> rs.getString(1), me.id()));
            more.put("delegates", delegates(me.id()));
            out.put("more", more);
        }
        return out;
    }

    public void changePin(SessionUser user, String pin) {
        requirePinChange();
        pins.replace(user.userId(), pin, user.actor());
    }

    /** "Generate PIN" on the user's home page: replaces their PINs; mailed when the settings say so, shown once. */
    public Pins.Generated generatePin(SessionUser user) {
        requirePinChange();
        Me me = me(user.userId());
        boolean mail = (settings.getBool("pin.sendByEmail") || settings.getBool("pin.generateForNew")) && me.email() != null && !me.email().isBlank();
        return pins.generate(user.userId(), user.actor(), mail, true);
    }

    public void changeLanguage(SessionUser user, String language) {
        String lang = language == null ? "" : language.strip();
        if (!SettingsCatalog.LANGUAGES.contains(lang)) {
            throw new ValidationException("language", "'" + lang + "' is not a supported language (" + String.join(", ", SettingsCatalog.LANGUAGES) + ")");
        }
        Me me = me(user.userId());
        databases.mainJdbc().inTransaction(c -> {
            bump(c, me.id(), "LANG = ?", lang);
            audit.record(c, user.actor(), "Users", "USER_CHANGED", "The default language of " + me.username() + " was changed.", me.username(),
                    "language: '" + (me.language() == null ? "" : me.language().trim()) + "' -> '" + lang + "'");
            return null;
        });
    }

    public void editProfile(SessionUser user, String fullName, String email) {
        requireProfileEditing();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = fullName == null ? "" : fullName.strip();
        if (name.length() > 255) {
            errors.put("fullName", "is longer than 255 characters");
        }
        String mail = "";
        try {
            mail = SettingValidator.normalise(EMAIL, email);
            if (mail.length() > 255) {
                errors.put("email", "is longer than 255 characters");
            }
        } catch (IllegalArgumentException e) {
            errors.put("email", e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Profile not saved: " + errors.size() + " field(s) need attention", errors);
        }
        Me me = me(user.userId());
        String newMail = mail;
        databases.mainJdbc().inTransaction(c -> {
            bump(c, me.id(), "FULL_NAME = ?, EMAIL = ?", name.isEmpty() ? null : name, newMail.isEmpty() ? null : newMail);
            audit.record(c, user.actor(), "Users", "USER_CHANGED", "The profile of " + me.username() + " was edited by its user.", me.username(),
                    "full name: '" + nz(me.fullName()) + "' -> '" + name + "'\nemail: '" + nz(me.email()) + "' -> '" + newMail + "'");
            return null;
        });
    }

    public Map<String, Object> delegates(long userId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", databases.mainJdbc().query("SELECT u.ID, u.USERNAME, u.FULL_NAME FROM DELEGATES d JOIN USERS u ON u.ID = d.DELEGATE_USER_ID"
                + " WHERE d.OWNER_USER_ID = ? ORDER BY u.USERNAME", rs -> Map.of("id", rs.getLong(1), "username", rs.getString(2),
                        "fullName", nz(rs.getString(3))), userId));
        out.put("groups", databases.mainJdbc().query("SELECT g.ID, g.FULL_PATH FROM DELEGATES d JOIN USER_GROUPS g ON g.ID = d.DELEGATE_GROUP_ID"
                + " WHERE d.OWNER_USER_ID = ? ORDER BY g.FULL_PATH", rs -> Map.of("id", rs.getLong(1), "path", rs.getString(2)), userId));
        return out;
    }

    /** Replaces the user's own delegates (users or groups) when profile editing is on. */
    public void setDelegates(SessionUser user, List<Long> users, List<Long> groups) {
        requireProfileEditing();
        Set<Long> us = new LinkedHashSet<>(users == null ? List.of() : users);
        Set<Long> gs = new LinkedHashSet<>(groups == null ? List.of() : groups);
        Me me = me(user.userId());
        databases.mainJdbc().inTransaction(c -> {
            List<String> names = new ArrayList<>();
            for (Long id : us) {
                List<String> found = Jdbc.query(c, "SELECT USERNAME FROM USERS WHERE ID = ? AND DELETED_AT IS NULL AND IS_SYSTEM = ?", rs -> rs.getString(1),
                        id, false);
                if (id == null || found.isEmpty()) {
                    throw new ValidationException("users", "there is no active user " + id);
                }
                if (id == me.id()) {
                    throw new ValidationException("users", "you cannot be your own delegate");
                }
                names.add(found.get(0));
            }
            for (Long id : gs) {
                List<String> found = Jdbc.query(c, "SELECT FULL_PATH FROM USER_GROUPS WHERE ID = ?", rs -> rs.getString(1), id);
                if (id == null || found.isEmpty()) {
                    throw new ValidationException("groups", "there is no group " + id);
                }
                names.add("group " + found.get(0));
            }
            Jdbc.update(c, "DELETE FROM DELEGATES WHERE OWNER_USER_ID = ?", me.id());
            for (Long id : us) {
                Jdbc.update(c, "INSERT INTO DELEGATES (ID, OWNER_USER_ID, DELEGATE_USER_ID) VALUES (?, ?, ?)", databases.newId(), me.id(), id);
            }
            for (Long id : gs) {
                Jdbc.update(c, "INSERT INTO DELEGATES (ID, OWNER_USER_ID, DELEGATE_GROUP_ID) VALUES (?, ?, ?)", databases.newId(), me.id(), id);
            }
            bump(c, me.id(), null);
            audit.record(c, user.actor(), "Users", "DELEGATES_CHANGED", "The delegates of " + me.username() + " were changed by its user.",
                    me.username(), names.isEmpty() ? "(none)" : String.join(", ", names));
            return null;
        });
    }

    private void requireProfileEditing() {
        if (!settings.getBool("users.profileEditing")) {
            throw new ForbiddenException("Profile editing is not enabled in the user settings");
        }
    }

    private void requirePinChange() {
        if (!settings.getBool("pin.userCanChange")) {
            throw new ForbiddenException("Users cannot change their PIN (user settings)");
        }
    }

    /**
     * Updates the user row with the changed columns and the modification time; CHANGE_NO takes a
     * fresh change number, held back from site pulls until this transaction ends (InFlightChanges).
     */
    private void bump(java.sql.Connection c, long userId, String set, Object... params) throws java.sql.SQLException {
        Object[] all = new Object[params.length + 3];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = Instant.now();
        all[params.length + 1] = databases.newChangeNo();
        all[params.length + 2] = userId;
        Jdbc.update(c, "UPDATE USERS SET " + (set == null ? "" : set + ", ") + "UPDATED_AT = ?, CHANGE_NO = ? WHERE ID = ?", all);
    }

    private Me me(long userId) {
        return databases.mainJdbc().one("SELECT ID, USERNAME, FULL_NAME, EMAIL, PHONE, PERSONAL_NUMBER, LANG, USE_AUTH_SERVER FROM USERS"
                + " WHERE ID = ? AND DELETED_AT IS NULL", rs -> new Me(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)), userId)
                .orElseThrow(() -> new ForbiddenException("Your account no longer exists"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
