package org.ream.central.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;

/**
 * The users list (8.1): views, search and keyset paging on the user name, so the n-th page
 * costs the same as the first at 100,000 users. The SQL is public so the benchmark times the
 * API against exactly the statement it runs.
 */
@ApplicationScoped
public class UserQueries {

    public static final int MAX_PAGE = 500;
    /** Deleted and locked users are found by a range on their indexed timestamp (IS NOT NULL uses no index on Firebird). */
    static final Instant EPOCH = Instant.parse("1970-01-01T00:00:00Z");

    public record Row(long id, String username, String fullName, String email, String personalNumber, String language, boolean locked,
            boolean deleted, boolean system) {
    }

    public record Page(List<Row> users, String next, Long total) {
    }

    public record Sql(String sql, List<Object> params) {
    }

    @Inject
    Databases databases;

    static final String COLUMNS = "SELECT u.ID, u.USERNAME, u.FULL_NAME, u.EMAIL, u.PERSONAL_NUMBER, u.LANG, u.LOCKED_AT, u.DELETED_AT, u.IS_SYSTEM, u.LOCKED_UNTIL FROM USERS u";

    /**
     * Not deleted, written so that no index serves it: with the index on DELETED_AT, Firebird
     * would build a bitmap of nearly every user before walking the user name index for a page.
     */
    static final String NOT_DELETED = "COALESCE(u.DELETED_AT, NULL) IS NULL";

    /** The WHERE clause of a view, search and group; shared by the page and the count. */
    public static Sql where(UserView view, String search, Long groupId) {
        StringBuilder w = new StringBuilder(" WHERE ");
        List<Object> p = new ArrayList<>();
        switch (view) {
            case DELETED -> {
                w.append("u.DELETED_AT > ?");
                p.add(EPOCH);
            }
            case LOCKED -> {
                // A lockout after failed logins ends by itself at LOCKED_UNTIL (user settings, 8.8).
                w.append("u.LOCKED_AT > ? AND (u.LOCKED_UNTIL IS NULL OR u.LOCKED_UNTIL > ?) AND ").append(NOT_DELETED);
                p.add(EPOCH);
                p.add(Instant.now());
            }
            case UNCLASSIFIED -> w.append(NOT_DELETED).append(" AND NOT EXISTS (SELECT 1 FROM GROUP_MEMBERS m WHERE m.USER_ID = u.ID)");
            case MANAGERS -> {
                w.append(NOT_DELETED).append(" AND EXISTS (SELECT 1 FROM GROUP_MEMBERS m WHERE m.USER_ID = u.ID AND m.IS_MANAGER = ?)");
                p.add(true);
            }
            case ALL -> w.append(NOT_DELETED);
        }
        if (groupId != null) {
            w.append(" AND EXISTS (SELECT 1 FROM GROUP_MEMBERS g WHERE g.USER_ID = u.ID AND g.GROUP_ID = ?)");
            p.add(groupId);
        }
        if (search != null && !search.isBlank()) {
            String like = "%" + escapeLike(search.trim().toUpperCase(Locale.ROOT)) + "%";
            w.append(" AND (UPPER(u.USERNAME) LIKE ? ESCAPE '\\' OR UPPER(u.FULL_NAME) LIKE ? ESCAPE '\\' OR UPPER(u.EMAIL) LIKE ? ESCAPE '\\'"
                    + " OR UPPER(u.PERSONAL_NUMBER) LIKE ? ESCAPE '\\'"
                    + " OR EXISTS (SELECT 1 FROM USER_ALIASES a WHERE a.USER_ID = u.ID AND UPPER(a.ALIAS) LIKE ? ESCAPE '\\')"
                    + " OR EXISTS (SELECT 1 FROM USER_CARDS c WHERE c.USER_ID = u.ID AND UPPER(c.CARD) LIKE ? ESCAPE '\\'))");
            for (int i = 0; i < 6; i++) {
                p.add(like);
            }
        }
        return new Sql(w.toString(), p);
    }

    /** One page: users after the cursor (a user name), ordered by user name. */
    public static Sql page(UserView view, String search, Long groupId, String after, int limit) {
        Sql w = where(view, search, groupId);
        List<Object> p = new ArrayList<>(w.params());
        String sql = COLUMNS + w.sql();
        if (after != null) {
            sql += " AND u.USERNAME > ?";
            p.add(after);
        }
        sql += " ORDER BY u.USERNAME OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY";
        p.add(limit);
        return new Sql(sql, p);
    }

    public Page list(UserView view, String search, Long groupId, String after, int limit, boolean count) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        Sql q = page(view, search, groupId, after, n + 1);
        List<Row> rows = databases.mainJdbc().query(q.sql(), UserQueries::row, q.params().toArray());
        String next = null;
        if (rows.size() > n) {
            rows = new ArrayList<>(rows.subList(0, n));
            next = rows.get(n - 1).username();
        }
        Long total = null;
        if (count) {
            Sql w = where(view, search, groupId);
            total = databases.mainJdbc().count("SELECT COUNT(*) FROM USERS u" + w.sql(), w.params().toArray());
        }
        return new Page(rows, next, total);
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                lockedNow(rs.getObject(7) != null, org.ream.central.persistence.Jdbc.instant(rs, "LOCKED_UNTIL")), rs.getObject(8) != null,
                rs.getBoolean(9));
    }

    /** Locked: a lock without an end (set by an administrator, or *admin's), or a lockout not over yet. */
    static boolean lockedNow(boolean lockedAt, Instant until) {
        return lockedAt && (until == null || until.isAfter(Instant.now()));
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public static Map<String, Object> json(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("username", r.username());
        m.put("fullName", r.fullName());
        m.put("email", r.email());
        m.put("personalNumber", r.personalNumber());
        m.put("language", r.language());
        m.put("locked", r.locked());
        m.put("deleted", r.deleted());
        m.put("system", r.system());
        return m;
    }
}
