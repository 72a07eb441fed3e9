package org.ream.central.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.logging.DistinctValues;
import org.ream.central.logging.SqlWhere;

/**
 * Reads the audit log (5.6) for its view and export: newest first by id (descending index on
 * Firebird), full names looked up once per page rather than joined into the paged query.
 */
@ApplicationScoped
public class AuditQueries {

    public static final int MAX_LIMIT = 1000;
    private static final String COLUMNS = "SELECT ID, CREATED_AT, USER_ID, USER_NAME, SUBSYSTEM, EVENT_TYPE, DESCRIPTION, AUDIT_CONTEXT";
    private static final int MAX_DISTINCT = 500;

    @Inject
    Databases databases;

    SqlWhere where(AuditFilter f) {
        SqlWhere w = new SqlWhere().range("CREATED_AT", f.range());
        w.contains("USER_NAME", f.user(), databases.mainDialect());
        if (f.userId() != null) {
            w.add("USER_ID = ?", f.userId());
        }
        w.in("EVENT_TYPE", f.eventTypes());
        w.in("SUBSYSTEM", f.subsystems());
        w.contains("DESCRIPTION", f.text(), databases.mainDialect());
        return w;
    }

    public AuditPage list(AuditFilter filter, Long beforeId, int limit, String timeZone) {
        SqlWhere w = where(filter);
        if (beforeId != null) {
            w.add("ID < ?", beforeId);
        }
        String sql = COLUMNS + ", CASE WHEN DETAILS IS NULL THEN 0 ELSE 1 END AS HAS_DETAILS FROM AUDIT_LOG" + w.sql()
                + " ORDER BY ID DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY";
        record Line(long id, Instant at, Long userId, String userName, String subsystem, String eventType, String description, String context,
                boolean hasDetails) {
        }
        List<Line> rows = databases.mainJdbc().query(sql, rs -> new Line(rs.getLong(1), Jdbc.instant(rs, "CREATED_AT"), userId(rs), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9) == 1), w.params(limit + 1));
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        Map<Long, String> names = fullNames(rows.stream().map(Line::userId).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        List<AuditRow> out = new ArrayList<>(rows.size());
        for (Line l : rows) {
            out.add(new AuditRow(l.id(), l.at(), l.description(), l.context(), display(names.get(l.userId()), l.userName()), l.userId(), l.userName(),
                    l.subsystem(), l.eventType(), l.hasDetails()));
        }
        Long nextBefore = more ? rows.get(rows.size() - 1).id() : null;
        return new AuditPage(out, more, nextBefore, filter.range().from(), filter.range().to(), timeZone);
    }

    public Optional<AuditDetail> get(long id) {
        return databases.mainJdbc().one(COLUMNS + ", DETAILS FROM AUDIT_LOG WHERE ID = ?", AuditQueries::detailRow, id)
                .map(d -> d.userId() == null ? d : withUser(d, fullNames(Set.of(d.userId())).get(d.userId())));
    }

    public List<String> eventTypes() {
        return distinct("EVENT_TYPE");
    }

    public List<String> subsystems() {
        return distinct("SUBSYSTEM");
    }

    private List<String> distinct(String column) {
        return DistinctValues.of(databases.mainJdbc(), databases.mainDialect(), "AUDIT_LOG", column, MAX_DISTINCT);
    }

    /** Streams the matching changes newest first, with details; returns whether more matched than {@code maxRows}. */
    public boolean stream(AuditFilter filter, int maxRows, Jdbc.RowSink<AuditDetail> sink) {
        SqlWhere w = where(filter);
        String sql = COLUMNS + ", DETAILS FROM AUDIT_LOG" + w.sql() + " ORDER BY ID DESC";
        Map<Long, String> names = new HashMap<>();
        return databases.mainJdbc().stream(sql, w.params(), maxRows, AuditQueries::detailRow, d -> {
            if (d.userId() != null) {
                String full = names.computeIfAbsent(d.userId(), id -> fullNames(Set.of(id)).getOrDefault(id, ""));
                d = withUser(d, full.isEmpty() ? null : full);
            }
            sink.accept(d);
        });
    }

    private Map<Long, String> fullNames(Set<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Long> list = new ArrayList<>(new TreeSet<>(ids));
        String marks = String.join(", ", java.util.Collections.nCopies(list.size(), "?"));
        databases.mainJdbc().query("SELECT ID, FULL_NAME FROM USERS WHERE ID IN (" + marks + ")", rs -> {
            if (rs.getString(2) != null) {
                out.put(rs.getLong(1), rs.getString(2));
            }
            return null;
        }, list.toArray());
        return out;
    }

    private static AuditDetail detailRow(ResultSet rs) throws SQLException {
        return new AuditDetail(rs.getLong(1), Jdbc.instant(rs, "CREATED_AT"), rs.getString(7), rs.getString(8), display(null, rs.getString(4)), userId(rs),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(9));
    }

    private static AuditDetail withUser(AuditDetail d, String fullName) {
        return new AuditDetail(d.id(), d.at(), d.description(), d.context(), display(fullName, d.userName()), d.userId(), d.userName(), d.subsystem(),
                d.eventType(), d.details());
    }

    private static Long userId(ResultSet rs) throws SQLException {
        long id = rs.getLong(3);
        return rs.wasNull() ? null : id;
    }

    /** As the manual's grid shows it: "Administrator *admin", or the user name alone. */
    static String display(String fullName, String userName) {
        if (userName == null) {
            return fullName;
        }
        return fullName == null || fullName.isBlank() ? userName : fullName + " " + userName;
    }
}
