package org.ream.central.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ream.central.audit.AuditLog;
import org.ream.central.authserver.SecretBox;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;

/**
 * Runtime settings edited in the web UI, kept in the SETTINGS table and cached in memory.
 * A save validates every field first and writes all of them with the audit entry in one
 * transaction: either the whole page is saved and audited, or nothing changes. Secrets
 * (password fields) are sealed by {@link SecretBox} in the table and the cache; {@link #get}
 * opens them. Values saved before sealing was introduced are read as they are.
 */
@ApplicationScoped
public class SettingsStore {

    /** Fired after a save, with the keys that changed. */
    public record Changed(Set<String> keys) {
    }

    @Inject
    Databases databases;

    @Inject
    AuditLog audit;

    @Inject
    Event<Changed> changed;

    @Inject
    SecretBox secrets;

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public void load() {
        cache.clear();
        databases.mainJdbc().query("SELECT SETTING_KEY, SETTING_VALUE FROM SETTINGS", rs -> {
            String v = rs.getString(2);
            cache.put(rs.getString(1), v == null ? "" : v);
            return null;
        });
    }

    public String get(String key) {
        String v = cache.get(key);
        if (v != null) {
            return v.startsWith("enc:") ? secrets.open(v) : v;
        }
        return SettingsCatalog.def(key).map(SettingDef::defaultValue).orElse("");
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public boolean getBool(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public ZoneId timeZone() {
        return ZoneId.of(get("general.timeZone"));
    }

    /** Values of a settings page; secrets are never sent back, only whether they are set. */
    public Map<String, Object> view(String section) {
        List<SettingDef> defs = SettingsCatalog.section(section).orElseThrow(() -> new ValidationException("section", "unknown settings page '" + section + "'"));
        Map<String, Object> out = new LinkedHashMap<>();
        for (SettingDef d : defs) {
            out.put(d.key(), d.secret() ? (get(d.key()).isEmpty() ? "" : SECRET_SET) : get(d.key()));
        }
        return out;
    }

    /** Placeholder the UI shows for a secret that is set; sending it back keeps the secret. */
    public static final String SECRET_SET = "\u2022\u2022\u2022\u2022\u2022\u2022";

    public Set<String> update(String section, Map<String, String> submitted, Actor actor) {
        List<SettingDef> defs = SettingsCatalog.section(section).orElseThrow(() -> new ValidationException("section", "unknown settings page '" + section + "'"));
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> toStore = new LinkedHashMap<>();
        for (String key : submitted.keySet()) {
            if (defs.stream().noneMatch(d -> d.key().equals(key))) {
                errors.put(key, "is not a setting of the page '" + section + "'");
            }
        }
        for (SettingDef d : defs) {
            if (d.readOnly() || !submitted.containsKey(d.key())) {
                continue;
            }
            String raw = submitted.get(d.key());
            if (d.secret() && SECRET_SET.equals(raw)) {
                continue;
            }
            try {
                String v = SettingValidator.normalise(d, raw);
                String parameter = SettingsCatalog.REQUIRED_PARAMETERS.get(d.key());
                if (parameter != null && !v.contains(parameter)) {
                    throw new IllegalArgumentException("must contain the parameter " + parameter);
                }
                if (!v.equals(get(d.key()))) {
                    toStore.put(d.key(), v);
                }
            } catch (IllegalArgumentException e) {
                errors.put(d.key(), e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Settings not saved: " + errors.size() + " field(s) need attention", errors);
        }
        if (toStore.isEmpty()) {
            return Set.of();
        }
        write(toStore, actor, "Settings were changed.", section);
        return toStore.keySet();
    }

    /** Writes values that the caller has already validated (internal switches, irreversible actions). */
    public void write(Map<String, String> values, Actor actor, String description, String context) {
        List<String> details = new ArrayList<>();
        Map<String, String> stored = new LinkedHashMap<>();
        values.forEach((k, v) -> stored.put(k, SettingsCatalog.def(k).map(SettingDef::secret).orElse(false) ? secrets.seal(v) : v));
        databases.mainJdbc().inTransaction(c -> {
            for (Map.Entry<String, String> e : stored.entrySet()) {
                boolean secret = SettingsCatalog.def(e.getKey()).map(SettingDef::secret).orElse(false);
                details.add(e.getKey() + ": " + (secret ? "(changed)" : "'" + get(e.getKey()) + "' -> '" + e.getValue() + "'"));
                int n = Jdbc.update(c, "UPDATE SETTINGS SET SETTING_VALUE = ?, UPDATED_AT = ?, UPDATED_BY = ? WHERE SETTING_KEY = ?",
                        e.getValue(), Instant.now(), actor.username(), e.getKey());
                if (n == 0) {
                    Jdbc.update(c, "INSERT INTO SETTINGS (SETTING_KEY, SETTING_VALUE, UPDATED_AT, UPDATED_BY) VALUES (?, ?, ?, ?)",
                            e.getKey(), e.getValue(), Instant.now(), actor.username());
                }
            }
            audit.record(c, actor, "Settings", "SETTINGS_CHANGED", description, context, String.join("\n", details));
            return null;
        });
        cache.putAll(stored);
        changed.fire(new Changed(values.keySet()));
    }
}
