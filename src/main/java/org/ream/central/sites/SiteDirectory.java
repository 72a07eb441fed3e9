package org.ream.central.sites;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/**
 * The sites (6.14): what they register, what the administrator sets for them (description,
 * user synchronisation groups, client IP ranges, rights for the site) and their status.
 * Ranges, licences and the site's version live in the CONFIG JSON, whose other keys (the
 * replication's) are kept as they are.
 */
@ApplicationScoped
public class SiteDirectory {

    /** What the signature check needs of a site. */
    public record SiteKey(long id, String name, String sealedPassword) {
    }

    /** What a site sends when it registers (docs/site-protocol.md). */
    public record Registration(String name, String address, Integer port, Boolean secure, String version, Map<String, Integer> licences) {
    }

    /** The replicated types every site sends; the replication settings add the optional ones. */
    public static final List<String> ALWAYS_REPLICATED = List.of("session", "printer");

    @Inject
    Databases databases;

    @Inject
    AuditLog audit;

    @Inject
    SiteKeyring keyring;

    @Inject
    ObjectMapper json;

    public Optional<SiteKey> keyOf(String name) {
        return databases.mainJdbc().one("SELECT ID, NAME, COMM_PASSWORD FROM SITES WHERE NAME = ?", rs -> new SiteKey(rs.getLong(1), rs.getString(2),
                rs.getString(3)), name);
    }

    /** Adds the site or updates its address, port, version and licences; returns its id. */
    public long register(String signedName, Registration r) {
        if (r == null) {
            throw new ValidationException("name", "is required");
        }
        Map<String, String> errors = SiteRules.checkRegistration(r.name(), r.address(), r.port());
        if (errors.isEmpty() && !r.name().equals(signedName)) {
            errors.put("name", "is not the name the request was signed with");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Registration refused: " + String.join(", ", errors.keySet()), errors);
        }
        return databases.mainJdbc().inTransaction(c -> {
            Optional<Long> existing = Jdbc.query(c, "SELECT ID FROM SITES WHERE NAME = ?", rs -> rs.getLong(1), r.name()).stream().findFirst();
            Instant now = Instant.now();
            long id = existing.orElseGet(databases::newId);
            ObjectNode config = config(c, existing.orElse(null));
            config.put("version", r.version());
            config.set("licences", json.valueToTree(r.licences() == null ? Map.of() : r.licences()));
            boolean secure = r.secure() == null || r.secure();
            if (existing.isPresent()) {
                Jdbc.update(c, "UPDATE SITES SET ADDRESS = ?, PORT = ?, SECURE = ?, STATUS = ?, STATUS_AT = ?, CONFIG = ? WHERE ID = ?", r.address(), r.port(),
                        secure, SiteStatus.READY.name(), now, write(config), id);
            } else {
                Jdbc.update(c, "INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, STATUS_AT, CONFIG, CREATED_AT, USERS_RESYNC)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, r.name(), r.address(), r.port(), secure, true, SiteStatus.READY.name(), now,
                        write(config), now, false);
            }
            audit.record(c, Actor.SYSTEM, "Sites", existing.isPresent() ? "SITE_REGISTERED" : "SITE_ADDED",
                    existing.isPresent() ? "A site registered again." : "A site registered for the first time.", r.name(),
                    "address: " + r.address() + ":" + r.port() + ", version: " + r.version() + ", licences: " + r.licences());
            return id;
        });
    }

    /** The answer to a register call: what the site applies from the central server. */
    public Map<String, Object> settingsFor(long id) {
        Map<String, Object> d = detail(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("siteId", id);
        out.put("syncGroups", d.get("syncGroups"));
        out.put("clientRanges", d.get("clientRanges"));
        out.put("excludedRanges", d.get("excludedRanges"));
        out.put("replication", Map.of("types", ALWAYS_REPLICATED));
        return out;
    }

    /** The Sites main tab (6.14.1): one row per site with its status columns. */
    public List<Map<String, Object>> list() {
        return databases.mainJdbc().query("SELECT ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, STATUS_AT, LAST_DOWNLOADED_AT, DOWNLOAD_STATUS,"
                + " LAST_REPLICATED_AT, REPLICATION_STATUS, DESCRIPTION, CONFIG FROM SITES ORDER BY NAME", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong("ID"));
                    m.put("name", rs.getString("NAME"));
                    m.put("address", rs.getString("ADDRESS"));
                    m.put("port", rs.getInt("PORT"));
                    m.put("secure", rs.getBoolean("SECURE"));
                    m.put("enabled", rs.getBoolean("ENABLED"));
                    m.put("description", rs.getString("DESCRIPTION"));
                    m.put("status", rs.getString("STATUS"));
                    m.put("statusAt", Jdbc.instant(rs, "STATUS_AT"));
                    m.put("lastDownloadedAt", Jdbc.instant(rs, "LAST_DOWNLOADED_AT"));
                    m.put("downloadStatus", rs.getString("DOWNLOAD_STATUS"));
                    m.put("lastReplicatedAt", Jdbc.instant(rs, "LAST_REPLICATED_AT"));
                    m.put("replicationStatus", rs.getString("REPLICATION_STATUS"));
                    m.put("version", read(rs.getString("CONFIG")).path("version").asText(null));
                    return m;
                });
    }

    public Map<String, Object> detail(long id) {
        return databases.mainJdbc().inTransaction(c -> {
            Map<String, Object> m = list().stream().filter(s -> ((Long) s.get("id")) == id).findFirst()
                    .orElseThrow(() -> new NotFoundException("No site " + id));
            ObjectNode config = config(c, id);
            m.put("clientRanges", strings(config, "clientRanges"));
            m.put("excludedRanges", strings(config, "excludedRanges"));
            m.put("licences", json.convertValue(config.path("licences"), Map.class));
            m.put("communicationPasswordSet", Jdbc.query(c, "SELECT COMM_PASSWORD FROM SITES WHERE ID = ?", rs -> rs.getString(1), id).stream()
                    .anyMatch(p -> p != null && !p.isEmpty()));
            m.put("syncGroups", Jdbc.query(c, "SELECT g.ID, g.FULL_PATH FROM SITE_SYNC_GROUPS s JOIN USER_GROUPS g ON g.ID = s.GROUP_ID WHERE s.SITE_ID = ?"
                    + " ORDER BY g.FULL_PATH", rs -> Map.of("id", rs.getLong(1), "path", rs.getString(2)), id));
            m.put("rights", rights(c, id));
            return m;
        });
    }

    private List<Map<String, Object>> rights(Connection c, long id) throws SQLException {
        Map<String, Map<String, Object>> byOwner = new LinkedHashMap<>();
        for (Object[] row : Jdbc.query(c, "SELECT r.RIGHT_CODE, u.ID, u.USERNAME, g.ID, g.FULL_PATH FROM SITE_RIGHTS r LEFT JOIN USERS u ON u.ID = r.USER_ID"
                + " LEFT JOIN USER_GROUPS g ON g.ID = r.GROUP_ID WHERE r.SITE_ID = ? ORDER BY u.USERNAME, g.FULL_PATH, r.RIGHT_CODE",
                rs -> new Object[] {rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(5)}, id)) {
            boolean user = row[1] != null;
            String key = (user ? "u" : "g") + (user ? row[1] : row[3]);
            @SuppressWarnings("unchecked")
            List<String> codes = (List<String>) byOwner.computeIfAbsent(key, k -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("type", user ? "user" : "group");
                e.put("id", user ? row[1] : row[3]);
                e.put("name", user ? row[2] : row[4]);
                e.put("rights", new ArrayList<String>());
                return e;
            }).get("rights");
            codes.add((String) row[0]);
        }
        return new ArrayList<>(byOwner.values());
    }

    /** Adds a site by hand (before it registers), for instance to give it its own communication password. */
    public long create(SiteInput in, Actor actor) {
        if (in == null) {
            throw new ValidationException("name", "is required");
        }
        Map<String, String> errors = new LinkedHashMap<>(SiteRules.checkRegistration(in.name(), in.address(), in.port()));
        errors.putAll(SiteRules.checkSettings(in.description(), in.clientRanges(), in.excludedRanges()));
        if (errors.isEmpty() && keyOf(in.name()).isPresent()) {
            errors.put("name", "a site named '" + in.name() + "' exists already");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Site not saved: " + errors.size() + " field(s) need attention", errors);
        }
        long id = databases.newId();
        Instant now = Instant.now();
        databases.mainJdbc().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CONFIG, CREATED_AT, USERS_RESYNC)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, in.name(), in.address(), in.port(), in.secure() == null || in.secure(),
                    in.enabled() == null || in.enabled(), SiteStatus.UNKNOWN.name(), write(json.createObjectNode()), now, false);
            apply(c, id, new SiteInput(null, null, null, null, null, in.description(), in.syncGroups(), in.clientRanges(), in.excludedRanges(),
                    in.rights(), in.communicationPassword()));
            audit.record(c, actor, "Sites", "SITE_ADDED", "A site was added.", in.name(), in.address() + ":" + in.port());
            return null;
        });
        return id;
    }

    /** Saves the site panel; every field is checked first and nothing is saved when one is wrong. */
    public void update(long id, SiteInput in, Actor actor) {
        if (in == null) {
            return;
        }
        String name = name(id);
        Map<String, String> errors = new LinkedHashMap<>(SiteRules.checkSettings(in.description(), in.clientRanges(), in.excludedRanges()));
        if (in.address() != null || in.port() != null) {
            Map<String, String> reg = SiteRules.checkRegistration(name, in.address() == null ? "x" : in.address(), in.port() == null ? 1 : in.port());
            errors.putAll(reg);
        }
        if (in.name() != null && !in.name().equals(name)) {
            errors.put("name", "is the name typed on the site and cannot be changed here");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Site not saved: " + errors.size() + " field(s) need attention", errors);
        }
        databases.mainJdbc().inTransaction(c -> {
            if (in.address() != null || in.port() != null || in.secure() != null || in.enabled() != null) {
                Jdbc.update(c, "UPDATE SITES SET ADDRESS = COALESCE(?, ADDRESS), PORT = COALESCE(?, PORT), SECURE = COALESCE(?, SECURE),"
                        + " ENABLED = COALESCE(?, ENABLED) WHERE ID = ?", in.address(), in.port(), in.secure(), in.enabled(), id);
            }
            String changes = apply(c, id, in);
            audit.record(c, actor, "Sites", "SITE_CHANGED", "A site's settings were changed.", name, changes);
            return null;
        });
    }

    /** Writes the panel's fields that were given; returns what changed, for the audit entry. Checks groups, users and rights. */
    private String apply(Connection c, long id, SiteInput in) throws SQLException {
        List<String> changes = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        if (in.syncGroups() != null) {
            for (Long g : in.syncGroups()) {
                if (g == null || Jdbc.query(c, "SELECT ID FROM USER_GROUPS WHERE ID = ?", rs -> 1, g).isEmpty()) {
                    errors.put("syncGroups", "unknown group " + g);
                    break;
                }
            }
        }
        if (in.rights() != null) {
            String problem = rightsProblem(c, in.rights());
            if (problem != null) {
                errors.put("rights", problem);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Site not saved: " + errors.size() + " field(s) need attention", errors);
        }
        if (in.description() != null) {
            Jdbc.update(c, "UPDATE SITES SET DESCRIPTION = ? WHERE ID = ?", in.description(), id);
            changes.add("description");
        }
        if (in.clientRanges() != null || in.excludedRanges() != null) {
            ObjectNode config = config(c, id);
            if (in.clientRanges() != null) {
                config.set("clientRanges", json.valueToTree(SiteRules.normalise(in.clientRanges())));
                changes.add("client ranges: " + in.clientRanges());
            }
            if (in.excludedRanges() != null) {
                config.set("excludedRanges", json.valueToTree(SiteRules.normalise(in.excludedRanges())));
                changes.add("excluded ranges: " + in.excludedRanges());
            }
            Jdbc.update(c, "UPDATE SITES SET CONFIG = ? WHERE ID = ?", write(config), id);
        }
        if (in.syncGroups() != null) {
            Jdbc.update(c, "DELETE FROM SITE_SYNC_GROUPS WHERE SITE_ID = ?", id);
            for (Long g : new LinkedHashSet<>(in.syncGroups())) {
                Jdbc.update(c, "INSERT INTO SITE_SYNC_GROUPS (SITE_ID, GROUP_ID) VALUES (?, ?)", id, g);
            }
            Jdbc.update(c, "UPDATE SITES SET USERS_RESYNC = ? WHERE ID = ?", true, id);
            changes.add("user synchronisation groups: " + in.syncGroups());
        }
        if (in.rights() != null) {
            Jdbc.update(c, "DELETE FROM SITE_RIGHTS WHERE SITE_ID = ?", id);
            for (SiteInput.RightEntry e : in.rights()) {
                for (String code : new LinkedHashSet<>(e.rights())) {
                    Jdbc.update(c, "INSERT INTO SITE_RIGHTS (ID, SITE_ID, RIGHT_CODE, USER_ID, GROUP_ID) VALUES (?, ?, ?, ?, ?)", databases.newId(), id,
                            code, e.userId(), e.groupId());
                }
            }
            Jdbc.update(c, "UPDATE SITES SET USERS_RESYNC = ? WHERE ID = ?", true, id);
            changes.add("rights for the site: " + in.rights().size() + " user(s)/group(s)");
        }
        String pw = in.communicationPassword();
        if (pw != null && !SettingsStore.SECRET_SET.equals(pw)) {
            Jdbc.update(c, "UPDATE SITES SET COMM_PASSWORD = ? WHERE ID = ?", pw.isEmpty() ? null : keyring.seal(pw), id);
            changes.add(pw.isEmpty() ? "own communication password removed" : "own communication password set");
        }
        return String.join("\n", changes);
    }

    private static String rightsProblem(Connection c, List<SiteInput.RightEntry> entries) throws SQLException {
        Set<String> owners = new java.util.HashSet<>();
        for (SiteInput.RightEntry e : entries) {
            if (e == null || (e.userId() == null) == (e.groupId() == null)) {
                return "each entry names either a userId or a groupId";
            }
            if (!owners.add(e.userId() != null ? "u" + e.userId() : "g" + e.groupId())) {
                return "user or group " + (e.userId() != null ? e.userId() : e.groupId()) + " is listed twice";
            }
            if (e.rights() == null || e.rights().isEmpty()) {
                return "choose at least one right for each user or group";
            }
            for (String code : e.rights()) {
                try {
                    Right.valueOf(code);
                } catch (IllegalArgumentException | NullPointerException ex) {
                    return "unknown right '" + code + "'";
                }
            }
            if (e.userId() != null && Jdbc.query(c, "SELECT ID FROM USERS WHERE ID = ? AND DELETED_AT IS NULL", rs -> 1, e.userId()).isEmpty()) {
                return "unknown user " + e.userId();
            }
            if (e.groupId() != null && Jdbc.query(c, "SELECT ID FROM USER_GROUPS WHERE ID = ?", rs -> 1, e.groupId()).isEmpty()) {
                return "unknown group " + e.groupId();
            }
        }
        return null;
    }

    /** "Duplicate settings" (6.14.2): copies the user synchronisation groups and/or the rights of one site to others. */
    public void duplicate(long source, List<Long> targets, boolean syncGroups, boolean rights, Actor actor) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (targets == null || targets.isEmpty()) {
            errors.put("targetIds", "choose at least one site to copy to");
        } else if (targets.contains(source)) {
            errors.put("targetIds", "the source site cannot be one of the targets");
        }
        if (!syncGroups && !rights) {
            errors.put("settings", "choose user synchronisation and/or rights");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Nothing was copied: " + String.join(", ", errors.values()), errors);
        }
        String sourceName = name(source);
        List<String> targetNames = new ArrayList<>();
        for (Long t : targets) {
            try {
                targetNames.add(name(t));
            } catch (NotFoundException e) {
                throw new ValidationException("targetIds", "unknown site " + t);
            }
        }
        databases.mainJdbc().inTransaction(c -> {
            for (Long t : targets) {
                if (syncGroups) {
                    Jdbc.update(c, "DELETE FROM SITE_SYNC_GROUPS WHERE SITE_ID = ?", t);
                    Jdbc.update(c, "INSERT INTO SITE_SYNC_GROUPS (SITE_ID, GROUP_ID) SELECT ?, GROUP_ID FROM SITE_SYNC_GROUPS WHERE SITE_ID = ?", t, source);
                }
                if (rights) {
                    Jdbc.update(c, "DELETE FROM SITE_RIGHTS WHERE SITE_ID = ?", t);
                    for (Object[] r : Jdbc.query(c, "SELECT RIGHT_CODE, USER_ID, GROUP_ID FROM SITE_RIGHTS WHERE SITE_ID = ?",
                            rs -> new Object[] {rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getObject(3) == null ? null : rs.getLong(3)},
                            source)) {
                        Jdbc.update(c, "INSERT INTO SITE_RIGHTS (ID, SITE_ID, RIGHT_CODE, USER_ID, GROUP_ID) VALUES (?, ?, ?, ?, ?)", databases.newId(), t,
                                r[0], r[1], r[2]);
                    }
                }
                Jdbc.update(c, "UPDATE SITES SET USERS_RESYNC = ? WHERE ID = ?", true, t);
            }
            audit.record(c, actor, "Sites", "SITE_SETTINGS_DUPLICATED", "Settings of a site were copied to other sites.", sourceName,
                    (syncGroups ? "user synchronisation " : "") + (rights ? "rights " : "") + "-> " + String.join(", ", targetNames));
            return null;
        });
    }

    /** Removes a site with its settings; refused while replicated data still refers to it. */
    public void delete(long id, Actor actor) {
        String name = name(id);
        try {
            databases.mainJdbc().inTransaction(c -> {
                Jdbc.update(c, "DELETE FROM SITES WHERE ID = ?", id);
                audit.record(c, actor, "Sites", "SITE_DELETED", "A site was deleted.", name, null);
                return null;
            });
        } catch (org.ream.central.persistence.DataAccessException e) {
            if (keyOf(name).isPresent()) {
                throw new ValidationException("id", "the site '" + name + "' has replicated data and cannot be deleted");
            }
            throw e;
        }
    }

    public void setStatus(long id, SiteStatus status) {
        databases.mainJdbc().update("UPDATE SITES SET STATUS = ?, STATUS_AT = ? WHERE ID = ?", status.name(), Instant.now(), id);
    }

    /**
     * Whether this user pull must start from the beginning (sync groups or rights changed). The
     * flag stays until the site shows it has the restarted page: its next request asks after
     * that page's change number (the token). A restarted page lost on the way is sent again.
     */
    boolean restartPull(long id, long since) {
        return databases.mainJdbc().inTransaction(c -> {
            Object[] state = Jdbc.query(c, "SELECT USERS_RESYNC, USERS_RESYNC_TOKEN FROM SITES WHERE ID = ?",
                    rs -> new Object[] {rs.getBoolean(1), rs.getObject(2) == null ? null : rs.getLong(2)}, id).stream().findFirst().orElse(null);
            if (state == null || !(Boolean) state[0]) {
                return false;
            }
            if (state[1] != null && (Long) state[1] == since) {
                Jdbc.update(c, "UPDATE SITES SET USERS_RESYNC = ?, USERS_RESYNC_TOKEN = NULL WHERE ID = ?", false, id);
                return false;
            }
            return true;
        });
    }

    /** Records the change number a restarted page ended at: the site's next request names it. */
    void restartSent(long id, long next) {
        databases.mainJdbc().update("UPDATE SITES SET USERS_RESYNC_TOKEN = ? WHERE ID = ? AND USERS_RESYNC = ?", next, id, true);
    }

    /** Address, port, secure flag and name of a site, for calls to it. */
    public record Endpoint(long id, String name, String address, int port, boolean secure) {

        /** The URI of a call to the site (an IPv6 address in brackets). */
        public java.net.URI uri(String pathAndQuery) {
            String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
            return java.net.URI.create((secure ? "https" : "http") + "://" + host + ":" + port + pathAndQuery);
        }
    }

    public Endpoint endpoint(long id) {
        return databases.mainJdbc().one("SELECT ID, NAME, ADDRESS, PORT, SECURE FROM SITES WHERE ID = ?", rs -> new Endpoint(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5)), id).orElseThrow(() -> new NotFoundException("No site " + id));
    }

    String name(long id) {
        return endpoint(id).name();
    }

    private ObjectNode config(Connection c, Long id) throws SQLException {
        if (id == null) {
            return json.createObjectNode();
        }
        // A site added by hand has no settings yet (CONFIG NULL): an empty object, not an error.
        List<String> rows = Jdbc.query(c, "SELECT CONFIG FROM SITES WHERE ID = ?", rs -> rs.getString(1), id);
        return read(rows.isEmpty() ? null : rows.get(0));
    }

    private ObjectNode read(String text) {
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            return json.createObjectNode();
        }
    }

    private String write(ObjectNode config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(ObjectNode config, String field) {
        List<String> out = new ArrayList<>();
        config.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }
}
