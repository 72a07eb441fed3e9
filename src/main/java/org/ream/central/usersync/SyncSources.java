package org.ream.central.usersync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.ream.central.audit.AuditLog;
import org.ream.central.authserver.AuthServerKind;
import org.ream.central.authserver.AuthServers;
import org.ream.central.authserver.SecretBox;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;
import org.ream.central.settings.ValidationException;
import org.ream.central.usersync.SourceSettings.Kind;
import org.ream.central.validation.InvalidField;

/**
 * The synchronisation sources (manual 8.7): SYNC_SOURCES rows with their settings as JSON,
 * the bind password sealed by {@link SecretBox} and never shown. Sources run in SORT_ORDER
 * when several are synchronised together.
 */
@ApplicationScoped
public class SyncSources {

    static final String SUBSYSTEM = "User synchronization";
    private static final Logger LOG = Logger.getLogger(SyncSources.class);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** A source with its settings, secrets in clear: for the readers only. */
    public record Source(long id, Kind kind, String name, boolean enabled, int sortOrder, Map<String, Object> config, String deltaToken,
            Instant lastFullAt, Instant lastRunAt) {

        public SyncOptions options() {
            return SourceSettings.options(config.get("options") instanceof Map<?, ?> m ? m : Map.of(), kind);
        }
    }

    @Inject
    Databases databases;

    @Inject
    SecretBox secrets;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Inject
    AuthServers authServers;

    @Inject
    jakarta.enterprise.inject.Instance<SourceCheck> checks;

    /** Kind-specific checks of the settings (LDAP mapping, filters, group rules...), contributed by the source adapters. */
    public interface SourceCheck {
        boolean handles(Kind kind);

        void check(Kind kind, Map<String, Object> normalised);
    }

    private static final String COLUMNS = "ID, KIND, NAME, ENABLED, SORT_ORDER, CONFIG, DELTA_TOKEN, LAST_FULL_AT, LAST_RUN_AT";

    public List<Source> list() {
        return databases.mainJdbc().query("SELECT " + COLUMNS + " FROM SYNC_SOURCES ORDER BY SORT_ORDER, ID", this::row);
    }

    public Optional<Source> find(long id) {
        return databases.mainJdbc().one("SELECT " + COLUMNS + " FROM SYNC_SOURCES WHERE ID = ?", this::row, id);
    }

    public Source get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("No synchronisation source " + id));
    }

    /** What the API shows: the settings without the bind password, "bindPasswordSet" instead. */
    public Map<String, Object> view(Source s) {
        Map<String, Object> config = new LinkedHashMap<>(s.config());
        for (String secret : SourceSettings.SECRETS) {
            Object v = config.remove(secret);
            if (s.kind() == Kind.LDAP || s.kind() == Kind.GOOGLE) {
                config.put(secret + "Set", v != null && !v.toString().isEmpty());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("kind", s.kind().name());
        out.put("name", s.name());
        out.put("enabled", s.enabled());
        out.put("sortOrder", s.sortOrder());
        out.put("config", config);
        out.put("lastFullAt", s.lastFullAt());
        out.put("lastRunAt", s.lastRunAt());
        out.put("users", databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE SYNC_SOURCE_ID = ? AND DELETED_AT IS NULL", s.id()));
        return out;
    }

    public Source create(String kindText, String name, Boolean enabled, Map<String, Object> config, Actor actor) {
        Kind kind = Kind.parse(kindText);
        Map<String, Object> normalised = prepare(kind, config, null);
        String n = name(name);
        long id = databases.newId();
        databases.mainJdbc().inTransaction(c -> {
            requireFreeName(c, n, 0);
            if (kind == Kind.LDAP && Jdbc.query(c, "SELECT COUNT(*) FROM SYNC_SOURCES WHERE KIND = ?", rs -> rs.getLong(1), Kind.LDAP.name()).get(0)
                    >= SourceSettings.MAX_LDAP_SOURCES) {
                throw new ValidationException("kind", "at most " + SourceSettings.MAX_LDAP_SOURCES + " LDAP synchronisations can be set up");
            }
            int order = Jdbc.query(c, "SELECT COALESCE(MAX(SORT_ORDER), 0) FROM SYNC_SOURCES", rs -> rs.getInt(1)).get(0) + 1;
            Jdbc.update(c, "INSERT INTO SYNC_SOURCES (ID, KIND, NAME, ENABLED, SORT_ORDER, CONFIG, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)", id,
                    kind.name(), n, enabled == null || enabled, order, sealed(normalised), Instant.now());
            audit.record(c, actor, SUBSYSTEM, "Source added", "Synchronisation source " + n + " (" + kind + ") added", n, describe(normalised));
            return null;
        });
        return get(id);
    }

    public Source update(long id, String name, Boolean enabled, Map<String, Object> config, Actor actor) {
        Source old = get(id);
        Map<String, Object> normalised = config == null ? old.config() : prepare(old.kind(), config, old);
        String n = name == null ? old.name() : name(name);
        boolean en = enabled == null ? old.enabled() : enabled;
        databases.mainJdbc().inTransaction(c -> {
            requireFreeName(c, n, id);
            // New settings may select other users: the next run reads everything again.
            String delta = normalised.equals(old.config()) ? old.deltaToken() : null;
            Jdbc.update(c, "UPDATE SYNC_SOURCES SET NAME = ?, ENABLED = ?, CONFIG = ?, DELTA_TOKEN = ? WHERE ID = ?", n, en, sealed(normalised), delta, id);
            audit.record(c, actor, SUBSYSTEM, "Source changed", "Synchronisation source " + n + " changed", n, describe(normalised));
            return null;
        });
        return get(id);
    }

    /** Deletes a source; its users stay, no longer tied to it (the manual's "synchronisation source" becomes empty). */
    public void delete(long id, Actor actor) {
        Source s = get(id);
        databases.mainJdbc().inTransaction(c -> {
            Jdbc.update(c, "UPDATE USERS SET SYNC_SOURCE_ID = NULL, SYNC_EXTERNAL_ID = NULL WHERE SYNC_SOURCE_ID = ?", id);
            Jdbc.update(c, "UPDATE USER_GROUPS SET SYNC_SOURCE_ID = NULL, SYNC_EXTERNAL_ID = NULL WHERE SYNC_SOURCE_ID = ?", id);
            Jdbc.update(c, "DELETE FROM SYNC_SOURCES WHERE ID = ?", id);
            audit.record(c, actor, SUBSYSTEM, "Source deleted", "Synchronisation source " + s.name() + " (" + s.kind() + ") deleted", s.name(), null);
            return null;
        });
    }

    /** Records the end of a run of this source: the delta token for the next run, and whether it was a full read. */
    public void recordRun(long id, String deltaToken, boolean full, Instant at) {
        if (full) {
            databases.mainJdbc().update("UPDATE SYNC_SOURCES SET DELTA_TOKEN = ?, LAST_RUN_AT = ?, LAST_FULL_AT = ? WHERE ID = ?", deltaToken, at, at, id);
        } else {
            databases.mainJdbc().update("UPDATE SYNC_SOURCES SET DELTA_TOKEN = ?, LAST_RUN_AT = ? WHERE ID = ?", deltaToken, at, id);
        }
    }

    private Map<String, Object> prepare(Kind kind, Map<String, Object> config, Source existing) {
        Map<String, Object> in = new LinkedHashMap<>(config == null ? Map.of() : config);
        if (existing != null) {
            for (String secret : SourceSettings.SECRETS) {
                if (in.get(secret) == null && existing.config().get(secret) != null) {
                    in.put(secret, existing.config().get(secret));
                }
            }
        }
        try {
            Map<String, Object> out = SourceSettings.normalise(kind, in, null);
            for (SourceCheck check : checks) {
                if (check.handles(kind)) {
                    check.check(kind, out);
                }
            }
            if (out.get("serverId") instanceof Long serverId) {
                AuthServerKind expected = kind == Kind.AZURE ? AuthServerKind.AZURE : AuthServerKind.LDAP;
                AuthServers.Server server = authServers.find(serverId).orElseThrow(() -> new InvalidField("serverId", "no authentication server " + serverId));
                if (server.kind() != expected) {
                    throw new InvalidField("serverId", server.name() + " is not an " + expected + " server");
                }
            }
            if (out.get("authServerId") instanceof Long serverId && authServers.find(serverId).isEmpty()) {
                throw new InvalidField("authServerId", "no authentication server " + serverId);
            }
            return out;
        } catch (InvalidField e) {
            throw new ValidationException(e.field(), e.reason());
        }
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new ValidationException("name", "is required");
        }
        if (n.length() > 255 || n.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("name", "at most 255 characters, no control characters");
        }
        return n;
    }

    private static void requireFreeName(Connection c, String name, long id) throws SQLException {
        if (!Jdbc.query(c, "SELECT ID FROM SYNC_SOURCES WHERE NAME = ? AND ID <> ?", rs -> rs.getLong(1), name, id).isEmpty()) {
            throw new ValidationException("name", "another synchronisation source is already called " + name);
        }
    }

    private String sealed(Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>(config);
        for (String secret : SourceSettings.SECRETS) {
            Object v = m.get(secret);
            if (v != null && !v.toString().isEmpty()) {
                m.put(secret, secrets.seal(v.toString()));
            }
        }
        return write(m);
    }

    private String describe(Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>(config);
        SourceSettings.SECRETS.forEach(m::remove);
        return write(m);
    }

    private String write(Map<String, Object> m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Source row(ResultSet rs) throws SQLException {
        Map<String, Object> config;
        try {
            String text = rs.getString("CONFIG");
            config = text == null || text.isBlank() ? new LinkedHashMap<>() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable settings of synchronisation source " + rs.getString("NAME"), e);
        }
        for (String secret : SourceSettings.SECRETS) {
            if (config.get(secret) instanceof String sv && !sv.isEmpty()) {
                try {
                    config.put(secret, secrets.open(sv));
                } catch (IllegalStateException e) {
                    LOG.warnf("Synchronisation source %s: %s", rs.getString("NAME"), e.getMessage());
                    config.remove(secret);
                }
            }
        }
        return new Source(rs.getLong("ID"), Kind.valueOf(rs.getString("KIND").trim()), rs.getString("NAME"), rs.getBoolean("ENABLED"),
                rs.getInt("SORT_ORDER"), config, rs.getString("DELTA_TOKEN"), Jdbc.instant(rs, "LAST_FULL_AT"), Jdbc.instant(rs, "LAST_RUN_AT"));
    }
}
