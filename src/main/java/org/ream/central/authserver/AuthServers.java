package org.ream.central.authserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;
import org.ream.central.settings.ValidationException;

/**
 * The authentication servers of manual 6.6, stored in AUTH_SERVERS with their settings as JSON.
 * Users point at a server by id (USERS.AUTH_SERVER_ID), so renaming one keeps them working.
 * Secrets are sealed by {@link SecretBox} and never leave through {@link #view}.
 */
@ApplicationScoped
public class AuthServers {

    static final String SUBSYSTEM = "Authentication servers";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AuthServers.class);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** A server with its settings, secrets in clear: for the authenticators only. */
    public record Server(long id, AuthServerKind kind, String name, Map<String, Object> config) {
    }

    @Inject
    Databases databases;

    @Inject
    SecretBox secrets;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    public List<Map<String, Object>> list() {
        return databases.mainJdbc().query("SELECT ID, KIND, NAME, CONFIG FROM AUTH_SERVERS ORDER BY NAME", this::row).stream()
                .map(this::view).toList();
    }

    /** Id, kind and name of every server, nothing more. */
    public List<Map<String, Object>> names() {
        return databases.mainJdbc().query("SELECT ID, KIND, NAME FROM AUTH_SERVERS ORDER BY NAME",
                rs -> Map.<String, Object>of("id", rs.getLong(1), "kind", rs.getString(2).trim(), "name", rs.getString(3)));
    }

    public Optional<Server> find(long id) {
        return databases.mainJdbc().one("SELECT ID, KIND, NAME, CONFIG FROM AUTH_SERVERS WHERE ID = ?", this::row, id);
    }

    /** What the API shows: settings without secrets, a flag per secret in them ("bindPasswordSet"), and the users using it. */
    public Map<String, Object> view(Server s) {
        Map<String, Object> config = new LinkedHashMap<>(s.config());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("kind", s.kind().name());
        out.put("name", s.name());
        for (String secret : ServerSettings.secrets(s.kind())) {
            Object v = config.remove(secret);
            config.put(secret + "Set", v != null && !v.toString().isEmpty());
        }
        out.put("config", config);
        out.put("users", databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE AUTH_SERVER_ID = ? AND DELETED_AT IS NULL", s.id()));
        return out;
    }

    /** Checks a server's settings without saving; secrets left out fall back to those of {@code existingId} if given. */
    public Server prepare(Long existingId, String kindText, String name, Map<String, Object> config) {
        Server existing = existingId == null ? null : find(existingId).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No authentication server " + existingId));
        AuthServerKind kind = existing != null ? existing.kind() : parseKind(kindText);
        if (existing != null && kindText != null && !kindText.isBlank() && parseKind(kindText) != kind) {
            throw new ValidationException("kind", "cannot be changed; add a new server instead");
        }
        Map<String, Object> in = new LinkedHashMap<>(config == null ? Map.of() : config);
        if (existing != null) {
            for (String secret : ServerSettings.secrets(kind)) {
                if (in.get(secret) == null) {
                    in.put(secret, existing.config().get(secret));
                }
            }
        }
        try {
            Map<String, Object> normalised = ServerSettings.normalise(kind, in);
            String n = name == null && existing != null ? existing.name() : name;
            if ((n == null || n.isBlank()) && kind == AuthServerKind.LDAP) {
                n = normalised.get("domain").toString();
            }
            return new Server(existing == null ? 0 : existing.id(), kind, ServerSettings.name(n), normalised);
        } catch (InvalidServerSettings e) {
            throw new ValidationException(e.field(), e.reason());
        }
    }

    public Server create(String kind, String name, Map<String, Object> config, Actor actor) {
        Server s = prepare(null, kind, name, config);
        long id = databases.newId();
        databases.mainJdbc().inTransaction(c -> {
            requireFreeName(c, s.name(), 0);
            Jdbc.update(c, "INSERT INTO AUTH_SERVERS (ID, KIND, NAME, CONFIG, CREATED_AT) VALUES (?, ?, ?, ?, ?)", id, s.kind().name(), s.name(),
                    sealed(s), Instant.now());
            audit.record(c, actor, SUBSYSTEM, "Server added", "Authentication server " + s.name() + " (" + s.kind() + ") added", s.name(),
                    describe(s));
            return null;
        });
        return new Server(id, s.kind(), s.name(), s.config());
    }

    public Server update(long id, String kind, String name, Map<String, Object> config, Actor actor) {
        Server old = find(id).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No authentication server " + id));
        Server s = prepare(id, kind, name, config == null ? withoutSecrets(old) : config);
        databases.mainJdbc().inTransaction(c -> {
            requireFreeName(c, s.name(), id);
            Jdbc.update(c, "UPDATE AUTH_SERVERS SET NAME = ?, CONFIG = ? WHERE ID = ?", s.name(), sealed(s), id);
            String what = old.name().equals(s.name()) ? "Authentication server " + s.name() + " changed"
                    : "Authentication server " + old.name() + " renamed to " + s.name();
            audit.record(c, actor, SUBSYSTEM, old.name().equals(s.name()) ? "Server changed" : "Server renamed", what, s.name(), describe(s));
            return null;
        });
        return s;
    }

    public void delete(long id, Actor actor) {
        databases.mainJdbc().inTransaction(c -> {
            Server s = find(id).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No authentication server " + id));
            long users = Jdbc.query(c, "SELECT COUNT(*) FROM USERS WHERE AUTH_SERVER_ID = ? AND DELETED_AT IS NULL", rs -> rs.getLong(1), id).get(0);
            if (users > 0) {
                throw new ValidationException("id", "server " + s.name() + " is used by " + users
                        + " user(s) to log in; choose another server for them first");
            }
            // Deleted users keep no reference to a server that no longer exists.
            Jdbc.update(c, "UPDATE USERS SET AUTH_SERVER_ID = NULL, USE_AUTH_SERVER = ? WHERE AUTH_SERVER_ID = ?", false, id);
            Jdbc.update(c, "DELETE FROM AUTH_SERVERS WHERE ID = ?", id);
            audit.record(c, actor, SUBSYSTEM, "Server deleted", "Authentication server " + s.name() + " (" + s.kind() + ") deleted", s.name(), null);
            return null;
        });
    }

    private static Map<String, Object> withoutSecrets(Server s) {
        Map<String, Object> m = new LinkedHashMap<>(s.config());
        ServerSettings.secrets(s.kind()).forEach(m::remove);
        return m;
    }

    private static AuthServerKind parseKind(String kind) {
        try {
            return AuthServerKind.parse(kind);
        } catch (InvalidServerSettings e) {
            throw new ValidationException(e.field(), e.reason());
        }
    }

    private static void requireFreeName(java.sql.Connection c, String name, long id) throws java.sql.SQLException {
        if (!Jdbc.query(c, "SELECT ID FROM AUTH_SERVERS WHERE NAME = ? AND ID <> ?", rs -> rs.getLong(1), name, id).isEmpty()) {
            throw new ValidationException("name", "another authentication server is already called " + name);
        }
    }

    private String sealed(Server s) {
        Map<String, Object> m = new LinkedHashMap<>(s.config());
        for (String secret : ServerSettings.secrets(s.kind())) {
            Object v = m.get(secret);
            if (v != null && !v.toString().isEmpty()) {
                m.put(secret, secrets.seal(v.toString()));
            }
        }
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The audit details: the settings without secrets. */
    private String describe(Server s) {
        try {
            return json.writeValueAsString(withoutSecrets(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Server row(java.sql.ResultSet rs) throws java.sql.SQLException {
        AuthServerKind kind = AuthServerKind.valueOf(rs.getString("KIND"));
        Map<String, Object> config;
        try {
            String text = rs.getString("CONFIG");
            config = text == null || text.isBlank() ? new LinkedHashMap<>() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new java.sql.SQLException("Unreadable settings of authentication server " + rs.getString("NAME"), e);
        }
        for (String secret : ServerSettings.secrets(kind)) {
            Object v = config.get(secret);
            if (v instanceof String sv) {
                try {
                    config.put(secret, secrets.open(sv));
                } catch (IllegalStateException e) {
                    // Key file lost or replaced: the server shows the secret as not set, to be typed again.
                    LOG.warnf("Authentication server %s: %s", rs.getString("NAME"), e.getMessage());
                    config.remove(secret);
                }
            }
        }
        return new Server(rs.getLong("ID"), kind, rs.getString("NAME"), config);
    }
}
