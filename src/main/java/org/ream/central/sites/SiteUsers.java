package org.ream.central.sites;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;

/**
 * The incremental user pull of a site (GET /site-api/v1/users): users changed after the
 * site's last CHANGE_NO, oldest first, with groups, aliases, cards, delegates and their
 * rights for this site. With user synchronisation groups set, only their members (and
 * members of their subgroups) are sent; a user who changed and is no longer in them comes
 * as deleted so the site drops it.
 */
@ApplicationScoped
public class SiteUsers {

    public static final int MAX_LIMIT = 5000;
    private static final int IN_CHUNK = 200;

    @Inject
    Databases databases;

    @Inject
    SiteDirectory sites;

    public Map<String, Object> page(long siteId, long since, int limit) {
        boolean restart = sites.restartPull(siteId, since);
        long from = restart ? 0 : since;
        Map<String, Object> page = databases.mainJdbc().inTransaction(c -> {
            List<Object[]> rows = Jdbc.query(c, "SELECT ID, USERNAME, FULL_NAME, EMAIL, LANG, PERSONAL_NUMBER, DELETED_AT, CHANGE_NO, IS_SYSTEM FROM USERS"
                    + " WHERE CHANGE_NO > ? AND CHANGE_NO < ? ORDER BY CHANGE_NO OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY", rs -> new Object[] {rs.getLong(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7) != null, rs.getLong(8), rs.getBoolean(9)},
                    // Never past a change still being written: its row would be skipped for ever.
                    from, org.ream.central.persistence.InFlightChanges.settledBelow(), limit + 1);
            boolean more = rows.size() > limit;
            if (more) {
                rows = rows.subList(0, limit);
            }
            long next = rows.isEmpty() ? from : (Long) rows.get(rows.size() - 1)[7];
            List<Long> ids = rows.stream().map(r -> (Long) r[0]).toList();
            Set<Long> scope = scopeGroups(c, siteId);
            Map<Long, List<Map<String, Object>>> groups = new HashMap<>();
            Map<Long, Set<Long>> groupIds = new HashMap<>();
            for (Object[] g : in(c, "SELECT m.USER_ID, g.ID, g.FULL_PATH, m.IS_ACCOUNTING, m.IS_MANAGER FROM GROUP_MEMBERS m JOIN USER_GROUPS g ON g.ID = m.GROUP_ID"
                    + " WHERE m.USER_ID IN (%s) ORDER BY g.FULL_PATH", ids, rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                            rs.getBoolean(5)})) {
                groups.computeIfAbsent((Long) g[0], k -> new ArrayList<>()).add(Map.of("path", g[2], "accounting", g[3], "manager", g[4]));
                groupIds.computeIfAbsent((Long) g[0], k -> new HashSet<>()).add((Long) g[1]);
            }
            Map<Long, List<String>> aliases = strings(c, "SELECT USER_ID, ALIAS FROM USER_ALIASES WHERE USER_ID IN (%s) ORDER BY ALIAS", ids);
            Map<Long, List<String>> cards = strings(c, "SELECT USER_ID, CARD FROM USER_CARDS WHERE USER_ID IN (%s) ORDER BY CARD", ids);
            Map<Long, List<String>> delegateUsers = strings(c, "SELECT d.OWNER_USER_ID, u.USERNAME FROM DELEGATES d JOIN USERS u ON u.ID = d.DELEGATE_USER_ID"
                    + " WHERE d.OWNER_USER_ID IN (%s) ORDER BY u.USERNAME", ids);
            Map<Long, List<String>> delegateGroups = strings(c, "SELECT d.OWNER_USER_ID, g.FULL_PATH FROM DELEGATES d JOIN USER_GROUPS g ON g.ID = d.DELEGATE_GROUP_ID"
                    + " WHERE d.OWNER_USER_ID IN (%s) ORDER BY g.FULL_PATH", ids);
            Map<Long, List<String>> userRights = strings(c, "SELECT USER_ID, RIGHT_CODE FROM SITE_RIGHTS WHERE SITE_ID = " + siteId
                    + " AND USER_ID IN (%s)", ids);
            Map<Long, List<String>> groupRights = new HashMap<>();
            for (Object[] r : Jdbc.query(c, "SELECT GROUP_ID, RIGHT_CODE FROM SITE_RIGHTS WHERE SITE_ID = ? AND GROUP_ID IS NOT NULL",
                    rs -> new Object[] {rs.getLong(1), rs.getString(2)}, siteId)) {
                groupRights.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add((String) r[1]);
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (Object[] r : rows) {
                long id = (Long) r[0];
                if ((Boolean) r[8]) {
                    continue;
                }
                Set<Long> mine = groupIds.getOrDefault(id, Set.of());
                boolean inScope = scope == null || mine.stream().anyMatch(scope::contains);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("changeNo", r[7]);
                item.put("id", id);
                item.put("username", r[1]);
                if ((Boolean) r[6] || !inScope) {
                    if (from == 0) {
                        continue;
                    }
                    item.put("deleted", true);
                    items.add(item);
                    continue;
                }
                item.put("fullName", r[2]);
                item.put("email", r[3]);
                item.put("language", r[4]);
                item.put("personalNumber", r[5]);
                item.put("aliases", aliases.getOrDefault(id, List.of()));
                item.put("cards", cards.getOrDefault(id, List.of()));
                item.put("groups", groups.getOrDefault(id, List.of()));
                item.put("delegates", Map.of("users", delegateUsers.getOrDefault(id, List.of()), "groups", delegateGroups.getOrDefault(id, List.of())));
                Set<String> rights = new TreeSet<>(userRights.getOrDefault(id, List.of()));
                mine.forEach(g -> rights.addAll(groupRights.getOrDefault(g, List.of())));
                item.put("rights", new ArrayList<>(rights));
                items.add(item);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("items", items);
            out.put("next", next);
            out.put("more", more);
            if (restart) {
                out.put("restart", true);
            }
            return out;
        });
        if (restart) {
            sites.restartSent(siteId, (Long) page.get("next"));
        }
        return page;
    }

    /** The sync groups and all their subgroups, or null when the site takes every user. */
    private static Set<Long> scopeGroups(Connection c, long siteId) throws SQLException {
        List<Long> chosen = Jdbc.query(c, "SELECT GROUP_ID FROM SITE_SYNC_GROUPS WHERE SITE_ID = ?", rs -> rs.getLong(1), siteId);
        if (chosen.isEmpty()) {
            return null;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        for (Object[] g : Jdbc.query(c, "SELECT ID, PARENT_ID FROM USER_GROUPS WHERE PARENT_ID IS NOT NULL", rs -> new Object[] {rs.getLong(1), rs.getLong(2)})) {
            children.computeIfAbsent((Long) g[1], k -> new ArrayList<>()).add((Long) g[0]);
        }
        Set<Long> scope = new HashSet<>();
        List<Long> todo = new ArrayList<>(chosen);
        while (!todo.isEmpty()) {
            Long g = todo.remove(todo.size() - 1);
            if (scope.add(g)) {
                todo.addAll(children.getOrDefault(g, List.of()));
            }
        }
        return scope;
    }

    private static Map<Long, List<String>> strings(Connection c, String sql, List<Long> ids) throws SQLException {
        Map<Long, List<String>> out = new HashMap<>();
        for (Object[] r : in(c, sql, ids, rs -> new Object[] {rs.getLong(1), rs.getString(2)})) {
            out.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        return out;
    }

    /** Runs a query whose "%s" is an IN list of the ids, in chunks the databases accept. */
    private static List<Object[]> in(Connection c, String sql, List<Long> ids, Jdbc.RowMapper<Object[]> mapper) throws SQLException {
        if (ids.isEmpty()) {
            return Collections.emptyList();
        }
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            out.addAll(Jdbc.query(c, String.format(sql, String.join(", ", Collections.nCopies(chunk.size(), "?"))), mapper, chunk.toArray()));
        }
        return out;
    }
}
