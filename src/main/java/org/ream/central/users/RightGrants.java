package org.ream.central.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;
import org.ream.central.security.WebSessions;
import org.ream.central.security.Right;
import org.ream.central.security.UserAccounts;
import org.ream.central.settings.ValidationException;

/** Rights (8.9) granted to users or groups; a member holds the rights of each of their groups. */
@ApplicationScoped
public class RightGrants {

    static final String AUDIT = "Rights";

    @Inject
    Databases databases;

    @Inject
    AuditLog audit;

    @Inject
    WebSessions sessions;

    /** Every grant, per right: the users and groups holding it. */
    public Map<String, Object> byRight() {
        Map<Right, List<Map<String, Object>>> users = new EnumMap<>(Right.class);
        Map<Right, List<Map<String, Object>>> groups = new EnumMap<>(Right.class);
        for (Right r : Right.values()) {
            users.put(r, new ArrayList<>());
            groups.put(r, new ArrayList<>());
        }
        Jdbc jdbc = databases.mainJdbc();
        jdbc.query("SELECT g.RIGHT_CODE, u.ID, u.USERNAME, u.FULL_NAME FROM RIGHT_GRANTS g JOIN USERS u ON u.ID = g.USER_ID ORDER BY u.USERNAME", rs -> {
            Map<String, Object> m = Map.of("id", rs.getLong(2), "username", rs.getString(3), "fullName", rs.getString(4) == null ? "" : rs.getString(4));
            right(rs.getString(1)).ifPresent(r -> users.get(r).add(m));
            return null;
        });
        jdbc.query("SELECT r.RIGHT_CODE, g.ID, g.FULL_PATH FROM RIGHT_GRANTS r JOIN USER_GROUPS g ON g.ID = r.GROUP_ID ORDER BY g.FULL_PATH", rs -> {
            Map<String, Object> m = Map.of("id", rs.getLong(2), "path", rs.getString(3));
            right(rs.getString(1)).ifPresent(r -> groups.get(r).add(m));
            return null;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        for (Right r : Right.values()) {
            out.put(r.name(), Map.of("users", users.get(r), "groups", groups.get(r)));
        }
        return out;
    }

    private static java.util.Optional<Right> right(String code) {
        try {
            return java.util.Optional.of(Right.valueOf(code.trim()));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    public Set<Right> ofUser(long userId) {
        return databases.mainJdbc().inTransaction(c -> {
            requireUser(c, userId);
            return granted(c, "USER_ID", userId);
        });
    }

    public Set<Right> ofGroup(long groupId) {
        return databases.mainJdbc().inTransaction(c -> {
            requireGroup(c, groupId);
            return granted(c, "GROUP_ID", groupId);
        });
    }

    private static Set<Right> granted(Connection c, String column, long id) throws SQLException {
        Set<Right> out = EnumSet.noneOf(Right.class);
        Jdbc.query(c, "SELECT RIGHT_CODE FROM RIGHT_GRANTS WHERE " + column + " = ?", rs -> {
            right(rs.getString(1)).ifPresent(out::add);
            return null;
        }, id);
        return out;
    }

    public static Set<Right> parse(List<String> codes) {
        Set<Right> out = EnumSet.noneOf(Right.class);
        for (String s : codes == null ? List.<String>of() : codes) {
            try {
                out.add(Right.valueOf(s == null ? "" : s.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("rights", "unknown right '" + s + "'");
            }
        }
        return out;
    }

    public void setForUser(long userId, Set<Right> rights, Actor actor) {
        databases.mainJdbc().inTransaction(c -> {
            String name = requireUser(c, userId);
            if (UserAccounts.ADMIN.equals(name)) {
                throw new ValidationException("rights", "*admin always holds every right");
            }
            if (actor.userId() == userId && !rights.contains(Right.ADMINISTRATOR) && granted(c, "USER_ID", userId).contains(Right.ADMINISTRATOR)) {
                throw new ValidationException("rights", "you cannot take the administrator right from yourself");
            }
            replace(c, "USER_ID", userId, rights, actor, "user " + name);
            return null;
        });
        sessions.rightsChanged();
    }

    public void setForGroup(long groupId, Set<Right> rights, Actor actor) {
        databases.mainJdbc().inTransaction(c -> {
            String path = requireGroup(c, groupId);
            replace(c, "GROUP_ID", groupId, rights, actor, "group " + path);
            return null;
        });
        sessions.rightsChanged();
    }

    private void replace(Connection c, String column, long id, Set<Right> rights, Actor actor, String who) throws SQLException {
        Set<Right> old = granted(c, column, id);
        Jdbc.update(c, "DELETE FROM RIGHT_GRANTS WHERE " + column + " = ?", id);
        for (Right r : rights) {
            Jdbc.update(c, "INSERT INTO RIGHT_GRANTS (ID, RIGHT_CODE, " + column + ") VALUES (?, ?, ?)", databases.newId(), r.name(), id);
        }
        if (!old.equals(rights)) {
            Set<String> added = new TreeSet<>();
            Set<String> removed = new TreeSet<>();
            rights.stream().filter(r -> !old.contains(r)).forEach(r -> added.add(r.name()));
            old.stream().filter(r -> !rights.contains(r)).forEach(r -> removed.add(r.name()));
            audit.record(c, actor, AUDIT, "RIGHTS_CHANGED", "Rights of " + who + " were changed.", who,
                    "Granted: " + (added.isEmpty() ? "none" : String.join(", ", added)) + "\nRevoked: " + (removed.isEmpty() ? "none" : String.join(", ", removed)));
        }
    }

    private static String requireUser(Connection c, long id) throws SQLException {
        List<String> n = Jdbc.query(c, "SELECT USERNAME FROM USERS WHERE ID = ? AND DELETED_AT IS NULL", rs -> rs.getString(1), id);
        if (n.isEmpty()) {
            throw new NotFoundException("No user with id " + id);
        }
        return n.get(0);
    }

    private static String requireGroup(Connection c, long id) throws SQLException {
        List<String> n = Jdbc.query(c, "SELECT FULL_PATH FROM USER_GROUPS WHERE ID = ?", rs -> rs.getString(1), id);
        if (n.isEmpty()) {
            throw new NotFoundException("No group with id " + id);
        }
        return n.get(0);
    }
}
