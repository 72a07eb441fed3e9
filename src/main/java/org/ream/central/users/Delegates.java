package org.ream.central.users;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.settings.ValidationException;

/** Delegates (8.4.3, 8.5): users or groups that may release the jobs of a user or of a group's members. */
final class Delegates {

    private Delegates() {
    }

    /** @param ownerColumn OWNER_USER_ID or OWNER_GROUP_ID */
    static List<Map<String, Object>> list(Connection c, String ownerColumn, long owner) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        out.addAll(Jdbc.query(c, "SELECT u.ID, u.USERNAME, u.FULL_NAME FROM DELEGATES d JOIN USERS u ON u.ID = d.DELEGATE_USER_ID WHERE d."
                + ownerColumn + " = ? ORDER BY u.USERNAME", rs -> entry("user", rs.getLong(1), rs.getString(2), rs.getString(3)), owner));
        out.addAll(Jdbc.query(c, "SELECT g.ID, g.NAME, g.FULL_PATH FROM DELEGATES d JOIN USER_GROUPS g ON g.ID = d.DELEGATE_GROUP_ID WHERE d."
                + ownerColumn + " = ? ORDER BY g.FULL_PATH", rs -> entry("group", rs.getLong(1), rs.getString(2), rs.getString(3)), owner));
        return out;
    }

    private static Map<String, Object> entry(String type, long id, String name, String extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("id", id);
        m.put("name", name);
        m.put(type.equals("user") ? "fullName" : "path", extra);
        return m;
    }

    /** Replaces an owner's delegates; returns an audit description. Unknown or deleted ids are refused. */
    static String replace(Connection c, Databases databases, String ownerColumn, long owner, List<Long> users, List<Long> groups) throws SQLException {
        LinkedHashSet<Long> u = new LinkedHashSet<>(users == null ? List.of() : users);
        LinkedHashSet<Long> g = new LinkedHashSet<>(groups == null ? List.of() : groups);
        List<String> names = new ArrayList<>();
        for (Long id : u) {
            if (id == null) {
                throw new ValidationException("users", "a delegate id is empty");
            }
            if (ownerColumn.equals("OWNER_USER_ID") && id == owner) {
                throw new ValidationException("users", "a user cannot be their own delegate");
            }
            List<String> n = Jdbc.query(c, "SELECT USERNAME FROM USERS WHERE ID = ? AND DELETED_AT IS NULL", rs -> rs.getString(1), id);
            if (n.isEmpty()) {
                throw new ValidationException("users", "no user with id " + id);
            }
            names.add(n.get(0));
        }
        for (Long id : g) {
            if (id == null) {
                throw new ValidationException("groups", "a delegate group id is empty");
            }
            List<String> n = Jdbc.query(c, "SELECT FULL_PATH FROM USER_GROUPS WHERE ID = ?", rs -> rs.getString(1), id);
            if (n.isEmpty()) {
                throw new ValidationException("groups", "no group with id " + id);
            }
            names.add("group " + n.get(0));
        }
        Jdbc.update(c, "DELETE FROM DELEGATES WHERE " + ownerColumn + " = ?", owner);
        for (Long id : u) {
            Jdbc.update(c, "INSERT INTO DELEGATES (ID, " + ownerColumn + ", DELEGATE_USER_ID) VALUES (?, ?, ?)", databases.newId(), owner, id);
        }
        for (Long id : g) {
            Jdbc.update(c, "INSERT INTO DELEGATES (ID, " + ownerColumn + ", DELEGATE_GROUP_ID) VALUES (?, ?, ?)", databases.newId(), owner, id);
        }
        return "Delegates: " + (names.isEmpty() ? "none" : String.join(", ", names));
    }
}
