package org.ream.central.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;
import org.ream.central.security.UserAccounts;
import org.ream.central.security.WebSessions;
import org.ream.central.settings.ValidationException;

/**
 * The user directory (8.1-8.4): add, edit, soft delete and undelete, lock and unlock, cards
 * and delegates. Every change is checked and saved in one transaction with its audit entry:
 * bad input changes nothing.
 */
@ApplicationScoped
public class UserDirectory {

    static final String AUDIT = "Users";

    @Inject
    Databases databases;

    @Inject
    AuditLog audit;

    @Inject
    WebSessions sessions;

    record Stored(long id, String username, String fullName, String email, String phone, String personalNumber, String language,
            String userStorage, String notes, boolean useAuthServer, Long authServerId, Long syncSourceId, boolean system, Instant lockedAt,
            Instant deletedAt, Instant lockedUntil) {
    }

    Jdbc jdbc() {
        return databases.mainJdbc();
    }

    static Optional<Stored> stored(Connection c, long id) throws SQLException {
        List<Stored> rows = Jdbc.query(c, "SELECT ID, USERNAME, FULL_NAME, EMAIL, PHONE, PERSONAL_NUMBER, LANG, USER_STORAGE, NOTES, USE_AUTH_SERVER,"
                + " AUTH_SERVER_ID, SYNC_SOURCE_ID, IS_SYSTEM, LOCKED_AT, DELETED_AT, LOCKED_UNTIL FROM USERS WHERE ID = ?", rs -> new Stored(rs.getLong(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getBoolean(10), (Long) rs.getObject(11, Long.class), (Long) rs.getObject(12, Long.class),
                        rs.getBoolean(13), Jdbc.instant(rs, "LOCKED_AT"), Jdbc.instant(rs, "DELETED_AT"), Jdbc.instant(rs, "LOCKED_UNTIL")), id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static Stored require(Connection c, long id) throws SQLException {
        return stored(c, id).orElseThrow(() -> new NotFoundException("No user with id " + id));
    }

    /** Everything the user panel shows (8.4.1), with groups and delegates. */
    public Map<String, Object> detail(long id) {
        return jdbc().inTransaction(c -> detail(c, id));
    }

    Map<String, Object> detail(Connection c, long id) throws SQLException {
        Stored s = require(c, id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("username", s.username());
        m.put("fullName", s.fullName());
        m.put("aliases", Jdbc.query(c, "SELECT ALIAS FROM USER_ALIASES WHERE USER_ID = ? ORDER BY ALIAS", rs -> rs.getString(1), id));
        m.put("cards", Jdbc.query(c, "SELECT CARD FROM USER_CARDS WHERE USER_ID = ? ORDER BY CARD", rs -> rs.getString(1), id));
        m.put("pinCount", Jdbc.query(c, "SELECT COUNT(*) FROM USER_PINS WHERE USER_ID = ?", rs -> rs.getLong(1), id).get(0));
        m.put("email", s.email());
        m.put("phone", s.phone());
        m.put("personalNumber", s.personalNumber());
        m.put("language", s.language());
        m.put("userStorage", s.userStorage());
        m.put("notes", s.notes());
        m.put("useAuthServer", s.useAuthServer());
        m.put("authServer", s.authServerId() == null ? null : named(c, "SELECT ID, NAME, KIND FROM AUTH_SERVERS WHERE ID = ?", s.authServerId()));
        m.put("syncSource", s.syncSourceId() == null ? null : named(c, "SELECT ID, NAME, KIND FROM SYNC_SOURCES WHERE ID = ?", s.syncSourceId()));
        m.put("system", s.system());
        m.put("locked", UserQueries.lockedNow(s.lockedAt() != null, s.lockedUntil()));
        m.put("deleted", s.deletedAt() != null);
        m.put("deletedAt", s.deletedAt());
        m.put("groups", Jdbc.query(c, "SELECT g.ID, g.NAME, g.FULL_PATH, m.IS_ACCOUNTING, m.IS_MANAGER FROM GROUP_MEMBERS m"
                + " JOIN USER_GROUPS g ON g.ID = m.GROUP_ID WHERE m.USER_ID = ? ORDER BY g.FULL_PATH", rs -> {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("id", rs.getLong(1));
                    g.put("name", rs.getString(2));
                    g.put("path", rs.getString(3));
                    g.put("accounting", rs.getBoolean(4));
                    g.put("manager", rs.getBoolean(5));
                    return g;
                }, id));
        m.put("delegates", Delegates.list(c, "OWNER_USER_ID", id));
        return m;
    }

    private static Map<String, Object> named(Connection c, String sql, long id) throws SQLException {
        List<Map<String, Object>> rows = Jdbc.query(c, sql, rs -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", rs.getLong(1));
            n.put("name", rs.getString(2));
            n.put("kind", rs.getString(3));
            return n;
        }, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public long create(UserInput in, Actor actor) {
        UserInput n = normalise(in, null);
        return Constraints.translated(() -> jdbc().inTransaction(c -> {
            validate(c, n, null, false);
            long id = databases.newId();
            Instant now = Instant.now();
            Jdbc.update(c, "INSERT INTO USERS (ID, USERNAME, FULL_NAME, EMAIL, PHONE, PERSONAL_NUMBER, LANG, USER_STORAGE, NOTES, USE_AUTH_SERVER,"
                    + " AUTH_SERVER_ID, IS_SYSTEM, FAILED_LOGINS, CREATED_AT, UPDATED_AT, CHANGE_NO) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                    id, n.username(), n.fullName(), n.email(), n.phone(), n.personalNumber(), n.language(), n.userStorage(), n.notes(),
                    n.useAuthServer(), n.authServerId(), false, now, now, databases.newChangeNo());
            replaceAliases(c, id, n.aliases());
            replaceCards(c, id, n.cards());
            audit.record(c, actor, AUDIT, "USER_CREATED", "User " + n.username() + " was created.", n.username(), describe(n));
            return id;
        }));
    }

    public void update(long id, UserInput in, Actor actor) {
        Constraints.translated(() -> jdbc().inTransaction(c -> {
            Stored s = require(c, id);
            if (s.deletedAt() != null) {
                throw new ValidationException("deleted", "user " + s.username() + " is deleted: undelete it before editing");
            }
            UserInput old = current(c, s);
            UserInput n = normalise(in, old);
            if (s.system() && !s.username().equals(n.username())) {
                throw new ValidationException("username", "system users cannot be renamed");
            }
            validate(c, n, id, s.system());
            Jdbc.update(c, "UPDATE USERS SET USERNAME = ?, FULL_NAME = ?, EMAIL = ?, PHONE = ?, PERSONAL_NUMBER = ?, LANG = ?, USER_STORAGE = ?, NOTES = ?,"
                    + " USE_AUTH_SERVER = ?, AUTH_SERVER_ID = ?, UPDATED_AT = ?, CHANGE_NO = ? WHERE ID = ?", n.username(), n.fullName(), n.email(),
                    n.phone(), n.personalNumber(), n.language(), n.userStorage(), n.notes(), n.useAuthServer(), n.authServerId(), Instant.now(),
                    databases.newChangeNo(), id);
            replaceAliases(c, id, n.aliases());
            replaceCards(c, id, n.cards());
            String changes = diff(old, n);
            audit.record(c, actor, AUDIT, "USER_CHANGED", "User " + s.username() + " was changed.", n.username(), changes);
            return null;
        }));
    }

    /** The stored user as input, so a field left out of an update keeps its value. */
    private static UserInput current(Connection c, Stored s) throws SQLException {
        return new UserInput(s.username(), s.fullName(),
                Jdbc.query(c, "SELECT ALIAS FROM USER_ALIASES WHERE USER_ID = ? ORDER BY ALIAS", rs -> rs.getString(1), s.id()),
                Jdbc.query(c, "SELECT CARD FROM USER_CARDS WHERE USER_ID = ? ORDER BY CARD", rs -> rs.getString(1), s.id()),
                s.email(), s.phone(), s.personalNumber(), s.language(), s.userStorage(), s.notes(), s.useAuthServer(), s.authServerId());
    }

    private static UserInput normalise(UserInput in, UserInput old) {
        if (in == null) {
            throw new ValidationException("body", "the user's properties are missing");
        }
        UserInput o = old == null ? new UserInput(null, null, List.of(), List.of(), null, null, null, null, null, null, false, null) : old;
        return new UserInput(in.username() != null ? in.username() : o.username(), trim(in.fullName() != null ? in.fullName() : o.fullName()),
                in.aliases() != null ? in.aliases().stream().map(a -> a == null ? null : a.strip()).toList() : o.aliases(),
                in.cards() != null ? in.cards().stream().map(a -> a == null ? null : a.strip()).toList() : o.cards(),
                emptyToNull(trim(in.email() != null ? in.email() : o.email())), emptyToNull(trim(in.phone() != null ? in.phone() : o.phone())),
                emptyToNull(trim(in.personalNumber() != null ? in.personalNumber() : o.personalNumber())),
                emptyToNull(trim(in.language() != null ? in.language() : o.language())),
                emptyToNull(trim(in.userStorage() != null ? in.userStorage() : o.userStorage())),
                emptyToNull(in.notes() != null ? in.notes() : o.notes()),
                in.useAuthServer() != null ? in.useAuthServer() : o.useAuthServer(),
                in.authServerId() != null ? (in.authServerId() <= 0 ? null : in.authServerId()) : o.authServerId());
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** All field rules, then uniqueness against other users; the first problems found are reported per field. */
    private void validate(Connection c, UserInput n, Long self, boolean system) throws SQLException {
        Map<String, String> errors = new LinkedHashMap<>(UserRules.check(n.username(), n.fullName(), n.aliases(), n.cards(), n.email(),
                n.phone(), n.personalNumber(), n.language(), n.userStorage(), n.notes(), system));
        long me = self == null ? -1 : self;
        if (!errors.containsKey("username")) {
            Optional<String> clash = first(c, "SELECT USERNAME FROM USERS WHERE USERNAME = ? AND ID <> ?", n.username(), me);
            if (clash.isPresent()) {
                errors.put("username", "user name '" + n.username() + "' is already used by another user");
            } else {
                first(c, "SELECT u.USERNAME FROM USER_ALIASES a JOIN USERS u ON u.ID = a.USER_ID WHERE a.ALIAS = ? AND a.USER_ID <> ?", n.username(), me)
                        .ifPresent(owner -> errors.put("username", "'" + n.username() + "' is an alias of user " + owner));
            }
        }
        if (!errors.containsKey("aliases")) {
            for (String a : n.aliases()) {
                Optional<String> owner = first(c, "SELECT u.USERNAME FROM USER_ALIASES a JOIN USERS u ON u.ID = a.USER_ID WHERE a.ALIAS = ? AND a.USER_ID <> ?", a, me);
                if (owner.isEmpty()) {
                    owner = first(c, "SELECT USERNAME FROM USERS WHERE USERNAME = ? AND ID <> ?", a, me).map(u -> u + " (as user name)");
                }
                if (owner.isPresent()) {
                    errors.put("aliases", "alias '" + a + "' is already used by user " + owner.get());
                    break;
                }
            }
        }
        if (!errors.containsKey("cards")) {
            for (String card : n.cards()) {
                Optional<String> owner = first(c, "SELECT u.USERNAME FROM USER_CARDS k JOIN USERS u ON u.ID = k.USER_ID WHERE k.CARD = ? AND k.USER_ID <> ?", card, me);
                if (owner.isPresent()) {
                    errors.put("cards", "card '" + card + "' is already used by user " + owner.get());
                    break;
                }
            }
        }
        if (n.useAuthServer() && n.authServerId() == null) {
            errors.put("authServerId", "choose the authentication server the user logs in with");
        } else if (n.authServerId() != null && first(c, "SELECT NAME FROM AUTH_SERVERS WHERE ID = ? AND ID <> ?", n.authServerId(), -1L).isEmpty()) {
            errors.put("authServerId", "no authentication server with id " + n.authServerId());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + "; " + b).orElse(""),
                    errors);
        }
    }

    private static Optional<String> first(Connection c, String sql, Object... params) throws SQLException {
        List<String> rows = Jdbc.query(c, sql, rs -> rs.getString(1), params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private void replaceAliases(Connection c, long id, List<String> aliases) throws SQLException {
        List<String> old = Jdbc.query(c, "SELECT ALIAS FROM USER_ALIASES WHERE USER_ID = ?", rs -> rs.getString(1), id);
        for (String a : old) {
            if (!aliases.contains(a)) {
                Jdbc.update(c, "DELETE FROM USER_ALIASES WHERE USER_ID = ? AND ALIAS = ?", id, a);
            }
        }
        for (String a : aliases) {
            if (!old.contains(a)) {
                Jdbc.update(c, "INSERT INTO USER_ALIASES (ID, USER_ID, ALIAS) VALUES (?, ?, ?)", databases.newId(), id, a);
            }
        }
    }

    private void replaceCards(Connection c, long id, List<String> cards) throws SQLException {
        List<String> old = Jdbc.query(c, "SELECT CARD FROM USER_CARDS WHERE USER_ID = ?", rs -> rs.getString(1), id);
        for (String k : old) {
            if (!cards.contains(k)) {
                Jdbc.update(c, "DELETE FROM USER_CARDS WHERE USER_ID = ? AND CARD = ?", id, k);
            }
        }
        for (String k : cards) {
            if (!old.contains(k)) {
                Jdbc.update(c, "INSERT INTO USER_CARDS (ID, USER_ID, CARD, CREATED_AT) VALUES (?, ?, ?, ?)", databases.newId(), id, k, Instant.now());
            }
        }
    }

    /** Adds one card (a card reader's "register card" as well as the panel). */
    public void addCard(long id, String card, Actor actor) {
        Constraints.translated(() -> jdbc().inTransaction(c -> {
            Stored s = require(c, id);
            if (s.deletedAt() != null) {
                throw new ValidationException("deleted", "user " + s.username() + " is deleted");
            }
            UserInput cur = current(c, s);
            List<String> cards = new ArrayList<>(cur.cards());
            String k = card == null ? null : card.strip();
            if (cards.contains(k)) {
                throw new ValidationException("card", "'" + k + "' is already a card of this user");
            }
            cards.add(k);
            Map<String, String> errors = UserRules.check(s.username(), s.fullName() == null ? "-" : s.fullName(), List.of(), cards, null, null,
                    null, null, null, null, true);
            if (errors.containsKey("cards")) {
                throw new ValidationException("card", errors.get("cards"));
            }
            first(c, "SELECT u.USERNAME FROM USER_CARDS k JOIN USERS u ON u.ID = k.USER_ID WHERE k.CARD = ?", k).ifPresent(owner -> {
                throw new ValidationException("card", "card '" + k + "' is already used by user " + owner);
            });
            Jdbc.update(c, "INSERT INTO USER_CARDS (ID, USER_ID, CARD, CREATED_AT) VALUES (?, ?, ?, ?)", databases.newId(), id, k, Instant.now());
            touch(c, id);
            audit.record(c, actor, AUDIT, "CARD_ADDED", "Card " + k + " was added to user " + s.username() + ".", s.username(), null);
            return null;
        }));
    }

    public boolean removeCard(long id, String card, Actor actor) {
        return jdbc().inTransaction(c -> {
            Stored s = require(c, id);
            int n = Jdbc.update(c, "DELETE FROM USER_CARDS WHERE USER_ID = ? AND CARD = ?", id, card);
            if (n > 0) {
                touch(c, id);
                audit.record(c, actor, AUDIT, "CARD_REMOVED", "Card " + card + " was removed from user " + s.username() + ".", s.username(), null);
            }
            return n > 0;
        });
    }

    /**
     * Soft delete (8.3): out of every group and delegation, rights revoked, marked deleted; the
     * user name, aliases and cards stay, so history keeps its names and an undelete restores them.
     */
    public void delete(long id, Actor actor) {
        jdbc().inTransaction(c -> {
            Stored s = require(c, id);
            if (s.system()) {
                throw new ValidationException("id", "system user " + s.username() + " cannot be deleted");
            }
            if (actor.userId() == id) {
                throw new ValidationException("id", "you cannot delete yourself");
            }
            if (s.deletedAt() != null) {
                return null;
            }
            List<String> groups = Jdbc.query(c, "SELECT g.FULL_PATH FROM GROUP_MEMBERS m JOIN USER_GROUPS g ON g.ID = m.GROUP_ID WHERE m.USER_ID = ?",
                    rs -> rs.getString(1), id);
            List<String> rights = Jdbc.query(c, "SELECT RIGHT_CODE FROM RIGHT_GRANTS WHERE USER_ID = ?", rs -> rs.getString(1).trim(), id);
            Jdbc.update(c, "DELETE FROM GROUP_MEMBERS WHERE USER_ID = ?", id);
            int delegations = Jdbc.update(c, "DELETE FROM DELEGATES WHERE OWNER_USER_ID = ? OR DELEGATE_USER_ID = ?", id, id);
            Jdbc.update(c, "DELETE FROM RIGHT_GRANTS WHERE USER_ID = ?", id);
            Instant now = Instant.now();
            Jdbc.update(c, "UPDATE USERS SET DELETED_AT = ?, UPDATED_AT = ?, CHANGE_NO = ? WHERE ID = ?", now, now, databases.newChangeNo(), id);
            audit.record(c, actor, AUDIT, "USER_DELETED", "User " + s.username() + " was deleted.", s.username(),
                    "Removed from groups: " + (groups.isEmpty() ? "none" : String.join(", ", groups)) + "\nDelegations removed: " + delegations
                            + "\nRights revoked: " + (rights.isEmpty() ? "none" : String.join(", ", rights)));
            return null;
        });
        sessions.closeAll(id);
    }

    public void undelete(long id, Actor actor) {
        jdbc().inTransaction(c -> {
            Stored s = require(c, id);
            if (s.deletedAt() == null) {
                return null;
            }
            Instant now = Instant.now();
            Jdbc.update(c, "UPDATE USERS SET DELETED_AT = NULL, UPDATED_AT = ?, CHANGE_NO = ? WHERE ID = ?", now, databases.newChangeNo(), id);
            audit.record(c, actor, AUDIT, "USER_UNDELETED", "User " + s.username() + " was undeleted.", s.username(), null);
            return null;
        });
    }

    public void lock(long id, boolean locked, Actor actor) {
        jdbc().inTransaction(c -> {
            Stored s = require(c, id);
            if (locked && s.system()) {
                throw new ValidationException("id", "system user " + s.username() + " cannot be locked");
            }
            if (locked && actor.userId() == id) {
                throw new ValidationException("id", "you cannot lock yourself");
            }
            if (locked == UserQueries.lockedNow(s.lockedAt() != null, s.lockedUntil()) && (locked || s.lockedAt() == null)) {
                return null; // nothing to change (an expired lockout is still cleared by an unlock)
            }
            // An administrator's lock has no end: clear the end of an earlier lockout after failed logins.
            Jdbc.update(c, "UPDATE USERS SET LOCKED_AT = ?, LOCKED_UNTIL = NULL, FAILED_LOGINS = 0, UPDATED_AT = ?, CHANGE_NO = ? WHERE ID = ?", locked ? Instant.now() : null,
                    Instant.now(), databases.newChangeNo(), id);
            audit.record(c, actor, AUDIT, locked ? "USER_LOCKED" : "USER_UNLOCKED", "Account " + s.username() + " was " + (locked ? "locked" : "unlocked") + ".",
                    s.username(), null);
            return null;
        });
        if (locked) {
            sessions.closeAll(id);
        }
    }

    /** Replaces the delegates of a user (8.4.3). */
    public void setDelegates(long id, List<Long> users, List<Long> groups, Actor actor) {
        jdbc().inTransaction(c -> {
            Stored s = require(c, id);
            if (s.deletedAt() != null) {
                throw new ValidationException("deleted", "user " + s.username() + " is deleted");
            }
            String details = Delegates.replace(c, databases, "OWNER_USER_ID", id, users, groups);
            touch(c, id);
            audit.record(c, actor, AUDIT, "DELEGATES_CHANGED", "Delegates of user " + s.username() + " were changed.", s.username(), details);
            return null;
        });
    }

    void touch(Connection c, long id) throws SQLException {
        Jdbc.update(c, "UPDATE USERS SET UPDATED_AT = ?, CHANGE_NO = ? WHERE ID = ?", Instant.now(), databases.newChangeNo(), id);
    }

    public boolean isSystemName(String name) {
        return UserAccounts.SYSTEM_USERS.contains(name);
    }

    private static String describe(UserInput n) {
        return "Full name: " + n.fullName() + "\nAliases: " + String.join(", ", n.aliases()) + "\nCards: " + String.join(", ", n.cards())
                + "\nEmail: " + Objects.toString(n.email(), "") + "\nPhone: " + Objects.toString(n.phone(), "") + "\nPersonal number: "
                + Objects.toString(n.personalNumber(), "") + "\nLanguage: " + Objects.toString(n.language(), "") + "\nUse authentication server: "
                + n.useAuthServer();
    }

    private static String diff(UserInput a, UserInput b) {
        StringBuilder sb = new StringBuilder();
        change(sb, "User name", a.username(), b.username());
        change(sb, "Full name", a.fullName(), b.fullName());
        change(sb, "Aliases", String.join(", ", a.aliases()), String.join(", ", b.aliases()));
        change(sb, "Cards", String.join(", ", a.cards()), String.join(", ", b.cards()));
        change(sb, "Email", a.email(), b.email());
        change(sb, "Phone", a.phone(), b.phone());
        change(sb, "Personal number", a.personalNumber(), b.personalNumber());
        change(sb, "Language", a.language(), b.language());
        change(sb, "User's storage", a.userStorage(), b.userStorage());
        change(sb, "Notes", a.notes(), b.notes());
        change(sb, "Use authentication server", String.valueOf(a.useAuthServer()), String.valueOf(b.useAuthServer()));
        change(sb, "Authentication server", Objects.toString(a.authServerId(), ""), Objects.toString(b.authServerId(), ""));
        return sb.isEmpty() ? "No change" : sb.toString().strip();
    }

    private static void change(StringBuilder sb, String label, String a, String b) {
        String x = a == null ? "" : a;
        String y = b == null ? "" : b;
        if (!x.equals(y)) {
            sb.append(label).append(": ").append(x).append(" -> ").append(y).append('\n');
        }
    }
}
