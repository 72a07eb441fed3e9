package org.ream.central.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.audit.AuditLog;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;
import org.ream.central.security.WebSessions;
import org.ream.central.settings.ValidationException;

/**
 * User groups (8.4.2, 8.5): a tree with names unique among siblings, members with the
 * accounting-group and manager flags, and delegates. A user has exactly one accounting group
 * as long as they belong to any group: the first group they join, or the one chosen last.
 */
@ApplicationScoped
public class GroupDirectory {

    static final String AUDIT = "Groups";

    @Inject
    Databases databases;

    @Inject
    AuditLog audit;

    @Inject
    WebSessions sessions;

    record Group(long id, Long parentId, String name, String path, String description) {
    }

    private static Group group(Connection c, long id) throws SQLException {
        List<Group> rows = Jdbc.query(c, "SELECT ID, PARENT_ID, NAME, FULL_PATH, DESCRIPTION FROM USER_GROUPS WHERE ID = ?", GroupDirectory::map, id);
        if (rows.isEmpty()) {
            throw new NotFoundException("No group with id " + id);
        }
        return rows.get(0);
    }

    private static Group map(java.sql.ResultSet rs) throws SQLException {
        return new Group(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    /**
     * The whole tree as a flat list ordered by path; with member counts only when asked, as
     * counting reads every membership (a quarter of a second at 100,000 users).
     */
    public List<Map<String, Object>> tree(boolean memberCounts) {
        return databases.mainJdbc().inTransaction(c -> {
            Map<Long, Long> counts = new HashMap<>();
            if (memberCounts) {
                Jdbc.query(c, "SELECT m.GROUP_ID, COUNT(*) FROM GROUP_MEMBERS m GROUP BY m.GROUP_ID", rs -> counts.put(rs.getLong(1), rs.getLong(2)));
            }
            List<Map<String, Object>> out = new ArrayList<>();
            // Sorted here: Firebird sorts the 1000-character paths with keys four times as wide, slowly.
            List<Group> all = new ArrayList<>(Jdbc.query(c, "SELECT ID, PARENT_ID, NAME, FULL_PATH, DESCRIPTION FROM USER_GROUPS", GroupDirectory::map));
            all.sort(byPath());
            for (Group g : all) {
                Map<String, Object> m = json(g);
                if (memberCounts) {
                    m.put("members", counts.getOrDefault(g.id(), 0L));
                }
                out.add(m);
            }
            return out;
        });
    }

    private static Map<String, Object> json(Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("parentId", g.parentId());
        m.put("name", g.name());
        m.put("path", g.path());
        m.put("description", g.description());
        return m;
    }

    public Map<String, Object> detail(long id) {
        return databases.mainJdbc().inTransaction(c -> {
            Map<String, Object> m = json(group(c, id));
            m.put("members", Jdbc.query(c, "SELECT COUNT(*) FROM GROUP_MEMBERS WHERE GROUP_ID = ?", rs -> rs.getLong(1), id).get(0));
            m.put("managers", Jdbc.query(c, "SELECT u.ID, u.USERNAME FROM GROUP_MEMBERS m JOIN USERS u ON u.ID = m.USER_ID WHERE m.GROUP_ID = ?"
                    + " AND m.IS_MANAGER = ? ORDER BY u.USERNAME", rs -> Map.of("id", rs.getLong(1), "username", rs.getString(2)), id, true));
            m.put("delegates", Delegates.list(c, "OWNER_GROUP_ID", id));
            return m;
        });
    }

    public long create(GroupInput in, Actor actor) {
        return Constraints.translated(() -> databases.mainJdbc().inTransaction(c -> {
            if (in == null) {
                throw new ValidationException("body", "the group's properties are missing");
            }
            String name = in.name() == null ? null : in.name().strip();
            String parentPath = null;
            if (in.parentId() != null) {
                parentPath = Jdbc.query(c, "SELECT FULL_PATH FROM USER_GROUPS WHERE ID = ?", rs -> rs.getString(1), in.parentId()).stream()
                        .findFirst().orElseThrow(() -> new ValidationException("parentId", "no group with id " + in.parentId()));
            }
            checkName(c, name, in.parentId(), null);
            checkDescription(in.description());
            long id = databases.newId();
            String path = parentPath == null ? name : parentPath + "|" + name;
            checkPath(path);
            Jdbc.update(c, "INSERT INTO USER_GROUPS (ID, PARENT_ID, NAME, FULL_PATH, DESCRIPTION, IS_SYSTEM, CREATED_AT, CHANGE_NO) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id, in.parentId(), name, path, blank(in.description()), false, Instant.now(), databases.newChangeNo());
            audit.record(c, actor, AUDIT, "GROUP_CREATED", "Group " + path + " was created.", path, "Description: " + nz(in.description()));
            return id;
        }));
    }

    /** Renames, moves (refusing cycles) and describes a group; the paths of its subtree follow. */
    public void update(long id, GroupInput in, Actor actor) {
        Constraints.translated(() -> databases.mainJdbc().inTransaction(c -> {
            if (in == null) {
                throw new ValidationException("body", "the group's properties are missing");
            }
            Group g = group(c, id);
            String name = in.name() == null ? g.name() : in.name().strip();
            Map<Long, Long> parents = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            Map<Long, String> paths = new HashMap<>();
            Jdbc.query(c, "SELECT ID, PARENT_ID, NAME, FULL_PATH FROM USER_GROUPS", rs -> {
                long gid = rs.getLong(1);
                parents.put(gid, rs.getObject(2, Long.class));
                names.put(gid, rs.getString(3));
                paths.put(gid, rs.getString(4));
                return null;
            });
            Long parent = in.parentId();
            if (parent != null && !names.containsKey(parent)) {
                throw new ValidationException("parentId", "no group with id " + parent);
            }
            if (UserRules.makesCycle(id, parent, parents)) {
                throw new ValidationException("parentId", "a group cannot be moved under itself or one of its subgroups");
            }
            checkName(c, name, parent, id);
            checkDescription(in.description());
            parents.put(id, parent);
            names.put(id, name);
            int moved = 0;
            for (Long gid : parents.keySet()) {
                String path = UserRules.path(gid, parents, names);
                if (!path.equals(paths.get(gid))) {
                    checkPath(path);
                    Jdbc.update(c, "UPDATE USER_GROUPS SET FULL_PATH = ?, CHANGE_NO = ? WHERE ID = ?", path, databases.newChangeNo(), gid);
                    moved++;
                }
            }
            Jdbc.update(c, "UPDATE USER_GROUPS SET NAME = ?, PARENT_ID = ?, DESCRIPTION = ?, CHANGE_NO = ? WHERE ID = ?", name, parent,
                    in.description() == null ? g.description() : blank(in.description()), databases.newChangeNo(), id);
            String newPath = UserRules.path(id, parents, names);
            audit.record(c, actor, AUDIT, "GROUP_CHANGED", "Group " + g.path() + " was changed.", newPath,
                    "Path: " + g.path() + " -> " + newPath + "\nDescription: " + nz(g.description()) + " -> "
                            + nz(in.description() == null ? g.description() : in.description()) + "\nGroups whose path changed: " + moved);
            return null;
        }));
    }

    /** Deletes a group with its subgroups; members left without a group become unclassified. */
    public void delete(long id, Actor actor) {
        databases.mainJdbc().inTransaction(c -> {
            Group g = group(c, id);
            Map<Long, List<Long>> children = new HashMap<>();
            Jdbc.query(c, "SELECT ID, PARENT_ID FROM USER_GROUPS WHERE PARENT_ID IS NOT NULL",
                    rs -> children.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(rs.getLong(1)));
            List<Long> subtree = new ArrayList<>();
            collect(id, children, subtree);
            Set<Long> affected = new LinkedHashSet<>();
            for (Long gid : subtree) {
                Jdbc.query(c, "SELECT USER_ID FROM GROUP_MEMBERS WHERE GROUP_ID = ?", rs -> affected.add(rs.getLong(1)), gid);
            }
            // Deepest first: a parent row can only go once its children have.
            for (int i = subtree.size() - 1; i >= 0; i--) {
                long gid = subtree.get(i);
                Jdbc.update(c, "DELETE FROM DELEGATES WHERE DELEGATE_GROUP_ID = ?", gid);
                Jdbc.update(c, "DELETE FROM GROUP_MEMBERS WHERE GROUP_ID = ?", gid);
                Jdbc.update(c, "DELETE FROM USER_GROUPS WHERE ID = ?", gid);
            }
            fixAccounting(c, affected);
            audit.record(c, actor, AUDIT, "GROUP_DELETED", "Group " + g.path() + " was deleted.", g.path(),
                    "Groups deleted (with subgroups): " + subtree.size() + "\nMembers affected: " + affected.size());
            return null;
        });
        sessions.rightsChanged();
    }

    private static void collect(long id, Map<Long, List<Long>> children, List<Long> out) {
        out.add(id);
        for (Long ch : children.getOrDefault(id, List.of())) {
            collect(ch, children, out);
        }
    }

    /** Members get an accounting group back when theirs went: the remaining group with the lowest id. */
    private void fixAccounting(Connection c, Set<Long> users) throws SQLException {
        for (Long u : users) {
            List<long[]> rows = Jdbc.query(c, "SELECT GROUP_ID, CASE WHEN IS_ACCOUNTING = ? THEN 1 ELSE 0 END FROM GROUP_MEMBERS WHERE USER_ID = ?",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, true, u);
            if (!rows.isEmpty() && rows.stream().noneMatch(r -> r[1] == 1)) {
                long first = rows.stream().mapToLong(r -> r[0]).min().getAsLong();
                Jdbc.update(c, "UPDATE GROUP_MEMBERS SET IS_ACCOUNTING = ? WHERE USER_ID = ? AND GROUP_ID = ?", true, u, first);
            }
            touchUser(c, u);
        }
    }

    private void touchUser(Connection c, long userId) throws SQLException {
        Jdbc.update(c, "UPDATE USERS SET UPDATED_AT = ?, CHANGE_NO = ? WHERE ID = ?", Instant.now(), databases.newChangeNo(), userId);
    }

    /** A page of a group's members (not deleted), ordered by user name, with their flags. */
    public Map<String, Object> members(long groupId, String after, int limit) {
        return databases.mainJdbc().inTransaction(c -> {
            group(c, groupId);
            List<Object> params = new ArrayList<>(List.of(groupId));
            String sql = "SELECT u.ID, u.USERNAME, u.FULL_NAME, u.EMAIL, m.IS_ACCOUNTING, m.IS_MANAGER FROM GROUP_MEMBERS m JOIN USERS u ON u.ID = m.USER_ID"
                    + " WHERE m.GROUP_ID = ? AND u.DELETED_AT IS NULL";
            if (after != null && !after.isEmpty()) {
                sql += " AND u.USERNAME > ?";
                params.add(after);
            }
            sql += " ORDER BY u.USERNAME OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY";
            params.add(limit + 1);
            List<Map<String, Object>> rows = Jdbc.query(c, sql, rs -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", rs.getLong(1));
                m.put("username", rs.getString(2));
                m.put("fullName", rs.getString(3));
                m.put("email", rs.getString(4));
                m.put("accounting", rs.getBoolean(5));
                m.put("manager", rs.getBoolean(6));
                return m;
            }, params.toArray());
            Map<String, Object> out = new LinkedHashMap<>();
            boolean more = rows.size() > limit;
            List<Map<String, Object>> page = more ? rows.subList(0, limit) : rows;
            out.put("members", new ArrayList<>(page));
            out.put("next", more ? page.get(limit - 1).get("username") : null);
            return out;
        });
    }

    /**
     * Adds a user to a group, or changes the flags of an existing membership. {@code accounting}
     * true makes this the user's only accounting group; false is refused on the accounting group
     * itself (choose another one instead). Null keeps the flag (a new member's first group is their accounting group).
     */
    public void setMember(long groupId, long userId, Boolean accounting, Boolean manager, Actor actor) {
        Constraints.translated(() -> databases.mainJdbc().inTransaction(c -> {
            Group g = group(c, groupId);
            List<String> user = Jdbc.query(c, "SELECT USERNAME FROM USERS WHERE ID = ? AND DELETED_AT IS NULL", rs -> rs.getString(1), userId);
            if (user.isEmpty()) {
                throw new ValidationException("userId", "no user with id " + userId + " (or the user is deleted)");
            }
            List<boolean[]> existing = Jdbc.query(c, "SELECT IS_ACCOUNTING, IS_MANAGER FROM GROUP_MEMBERS WHERE GROUP_ID = ? AND USER_ID = ?",
                    rs -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)}, groupId, userId);
            boolean hasAccounting = Jdbc.query(c, "SELECT COUNT(*) FROM GROUP_MEMBERS WHERE USER_ID = ? AND IS_ACCOUNTING = ?", rs -> rs.getLong(1),
                    userId, true).get(0) > 0;
            String event;
            boolean acc;
            boolean mgr;
            if (existing.isEmpty()) {
                if (Boolean.FALSE.equals(accounting) && !hasAccounting) {
                    throw new ValidationException("accounting", "the user's first group is their accounting group");
                }
                acc = Boolean.TRUE.equals(accounting) || !hasAccounting;
                mgr = Boolean.TRUE.equals(manager);
                event = "MEMBER_ADDED";
            } else {
                boolean wasAcc = existing.get(0)[0];
                if (Boolean.FALSE.equals(accounting) && wasAcc) {
                    throw new ValidationException("accounting", "every user has one accounting group: choose another group as accounting group instead");
                }
                acc = accounting == null ? wasAcc : accounting;
                mgr = manager == null ? existing.get(0)[1] : manager;
                event = "MEMBER_CHANGED";
            }
            if (acc) {
                Jdbc.update(c, "UPDATE GROUP_MEMBERS SET IS_ACCOUNTING = ? WHERE USER_ID = ? AND GROUP_ID <> ?", false, userId, groupId);
            }
            if (existing.isEmpty()) {
                Jdbc.update(c, "INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING, IS_MANAGER) VALUES (?, ?, ?, ?)", groupId, userId, acc, mgr);
            } else {
                Jdbc.update(c, "UPDATE GROUP_MEMBERS SET IS_ACCOUNTING = ?, IS_MANAGER = ? WHERE GROUP_ID = ? AND USER_ID = ?", acc, mgr, groupId, userId);
            }
            touchUser(c, userId);
            audit.record(c, actor, AUDIT, event, "User " + user.get(0) + (existing.isEmpty() ? " was added to group " : " membership changed in group ")
                    + g.path() + ".", g.path(), "Accounting group: " + acc + "\nManager: " + mgr);
            return null;
        }));
        sessions.rightsChanged();
    }

    public boolean removeMember(long groupId, long userId, Actor actor) {
        boolean removed = databases.mainJdbc().inTransaction(c -> {
            Group g = group(c, groupId);
            int n = Jdbc.update(c, "DELETE FROM GROUP_MEMBERS WHERE GROUP_ID = ? AND USER_ID = ?", groupId, userId);
            if (n == 0) {
                return false;
            }
            fixAccounting(c, Set.of(userId));
            String user = Jdbc.query(c, "SELECT USERNAME FROM USERS WHERE ID = ?", rs -> rs.getString(1), userId).get(0);
            audit.record(c, actor, AUDIT, "MEMBER_REMOVED", "User " + user + " was removed from group " + g.path() + ".", g.path(), null);
            return true;
        });
        sessions.rightsChanged();
        return removed;
    }

    public void setDelegates(long id, List<Long> users, List<Long> groups, Actor actor) {
        databases.mainJdbc().inTransaction(c -> {
            Group g = group(c, id);
            String details = Delegates.replace(c, databases, "OWNER_GROUP_ID", id, users, groups);
            Jdbc.update(c, "UPDATE USER_GROUPS SET CHANGE_NO = ? WHERE ID = ?", databases.newChangeNo(), id);
            audit.record(c, actor, AUDIT, "DELEGATES_CHANGED", "Delegates of group " + g.path() + " were changed.", g.path(), details);
            return null;
        });
    }

    private static void checkName(Connection c, String name, Long parent, Long self) throws SQLException {
        String p = UserRules.groupNameProblem(name);
        if (p != null) {
            throw new ValidationException("name", p);
        }
        String sql = "SELECT ID FROM USER_GROUPS WHERE NAME = ? AND " + (parent == null ? "PARENT_ID IS NULL" : "PARENT_ID = ?");
        List<Long> same = parent == null ? Jdbc.query(c, sql, rs -> rs.getLong(1), name) : Jdbc.query(c, sql, rs -> rs.getLong(1), name, parent);
        if (same.stream().anyMatch(x -> self == null || x.longValue() != self)) {
            throw new ValidationException("name", "a group named '" + name + "' already exists at this place of the tree");
        }
    }

    private static void checkPath(String path) {
        if (path.length() > 1000) {
            throw new ValidationException("name", "the group's path would be longer than 1000 characters");
        }
    }

    private static void checkDescription(String d) {
        if (d != null && d.length() > 1000) {
            throw new ValidationException("description", "is longer than 1000 characters");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static Comparator<Group> byPath() {
        return Comparator.comparing(Group::path);
    }
}
