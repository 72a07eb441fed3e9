package org.ream.central.logging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;

/**
 * Reads the system log for the log view, its live mode and exports. Pages are keyed by id
 * (ids grow in the order entries are committed: one writer, hi/lo ids), newest first through a
 * descending index on Firebird, so the first page costs the same on a log of millions of lines;
 * a text search that matches little still reads the whole period.
 */
@ApplicationScoped
public class LogQueries {

    public static final int MAX_LIMIT = 1000;
    static final String COLUMNS = "SELECT ID, CREATED_AT, SEVERITY, SUBSYSTEM, LOG_CONTEXT, MSG_TEXT,"
            + " CASE WHEN DETAILS IS NULL THEN 0 ELSE 1 END AS HAS_DETAILS FROM LOG_ENTRIES";
    private static final int MAX_SUBSYSTEMS = 500;

    @Inject
    Databases databases;

    SqlWhere where(LogFilter f) {
        SqlWhere w = new SqlWhere().range("CREATED_AT", f.range());
        if (f.types().isEmpty()) {
            w.add("1 = 0");
        } else if (f.types().size() < Severity.values().length) {
            w.in("SEVERITY", f.types().stream().map(s -> s.code).sorted().toList());
        }
        w.in("SUBSYSTEM", f.subsystems());
        w.contains("LOG_CONTEXT", f.context(), databases.logDialect());
        w.contains("MSG_TEXT", f.text(), databases.logDialect());
        return w;
    }

    /**
     * Newest first (optionally before an id), or with {@code afterId} the entries newer than it,
     * oldest first, for the live view. The caller checks the limit and that only one of the ids is given.
     */
    public LogPage list(LogFilter filter, Long afterId, Long beforeId, int limit, long userId, String timeZone) {
        Jdbc jdbc = databases.logJdbc();
        // Read before the page: every entry up to this id is committed and visible to the page query.
        long newest = jdbc.count("SELECT MAX(ID) FROM LOG_ENTRIES");
        SqlWhere w = where(filter);
        boolean live = afterId != null;
        if (live) {
            w.add("ID > ?", afterId);
        } else if (beforeId != null) {
            w.add("ID < ?", beforeId);
        }
        String sql = COLUMNS + w.sql() + " ORDER BY ID " + (live ? "ASC" : "DESC") + " OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY";
        List<Line> rows = jdbc.query(sql, LogQueries::line, w.params(limit + 1));
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        Set<Long> marked = highlighted(userId, rows);
        List<LogRow> out = new ArrayList<>(rows.size());
        long maxId = 0;
        for (Line e : rows) {
            out.add(new LogRow(e.id(), e.at(), typeName(e.severity()), e.subsystem(), e.context(), e.text(), e.hasDetails(), marked.contains(e.id())));
            maxId = Math.max(maxId, e.id());
        }
        Long nextAfter;
        if (live) {
            nextAfter = more ? maxId : Math.max(Math.max(afterId, newest), maxId);
        } else {
            // Only the first page knows where "now" is; an older page does not move the live view.
            nextAfter = beforeId == null ? Math.max(newest, maxId) : null;
        }
        Long nextBefore = !live && more ? rows.get(rows.size() - 1).id() : null;
        return new LogPage(out, more, nextBefore, nextAfter, filter.range().from(), filter.range().to(), timeZone);
    }

    public Optional<LogDetail> get(long id, long userId) {
        Optional<LogEntry> e = databases.logJdbc().one("SELECT ID, CREATED_AT, SEVERITY, SUBSYSTEM, LOG_CONTEXT, MSG_TEXT, DETAILS FROM LOG_ENTRIES WHERE ID = ?",
                rs -> new LogEntry(rs.getLong(1), Jdbc.instant(rs, "CREATED_AT"), Severity.ofCode(rs.getInt(3)), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), id);
        return e.map(x -> new LogDetail(x.id(), x.at(), typeName(x.severity()), x.subsystem(), x.context(), x.message(), x.details() != null,
                isHighlighted(userId, id), x.details()));
    }

    /** The subsystems present in the log, for the filter. */
    public List<String> subsystems() {
        return DistinctValues.of(databases.logJdbc(), databases.logDialect(), "LOG_ENTRIES", "SUBSYSTEM", MAX_SUBSYSTEMS);
    }

    public boolean exists(long id) {
        return databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE ID = ?", id) > 0;
    }

    /** Highlights an entry for one user; false when it already was. */
    public boolean highlight(long userId, long entryId) {
        return databases.logJdbc().inTransaction(c -> {
            if (!Jdbc.query(c, "SELECT 1 FROM LOG_HIGHLIGHTS WHERE USER_ID = ? AND ENTRY_ID = ?", rs -> 1, userId, entryId).isEmpty()) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO LOG_HIGHLIGHTS (USER_ID, ENTRY_ID) VALUES (?, ?)", userId, entryId);
            return true;
        });
    }

    public boolean unhighlight(long userId, long entryId) {
        return databases.logJdbc().update("DELETE FROM LOG_HIGHLIGHTS WHERE USER_ID = ? AND ENTRY_ID = ?", userId, entryId) > 0;
    }

    /** "Tools, Remove highlighting": all of this user's highlights. */
    public int clearHighlights(long userId) {
        return databases.logJdbc().update("DELETE FROM LOG_HIGHLIGHTS WHERE USER_ID = ?", userId);
    }

    private boolean isHighlighted(long userId, long entryId) {
        return databases.logJdbc().count("SELECT COUNT(*) FROM LOG_HIGHLIGHTS WHERE USER_ID = ? AND ENTRY_ID = ?", userId, entryId) > 0;
    }

    private Set<Long> highlighted(long userId, List<Line> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        long min = rows.stream().mapToLong(Line::id).min().getAsLong();
        long max = rows.stream().mapToLong(Line::id).max().getAsLong();
        return new HashSet<>(databases.logJdbc().query("SELECT ENTRY_ID FROM LOG_HIGHLIGHTS WHERE USER_ID = ? AND ENTRY_ID >= ? AND ENTRY_ID <= ?",
                rs -> rs.getLong(1), userId, min, max));
    }

    /**
     * Streams the matching entries, newest first, with their details, up to {@code maxRows};
     * returns whether more matched beyond that limit.
     * One read-only transaction with a server-side cursor, so memory stays flat.
     */
    public boolean stream(LogFilter filter, int maxRows, Jdbc.RowSink<LogEntry> sink) {
        SqlWhere w = where(filter);
        String sql = "SELECT ID, CREATED_AT, SEVERITY, SUBSYSTEM, LOG_CONTEXT, MSG_TEXT, DETAILS FROM LOG_ENTRIES" + w.sql() + " ORDER BY ID DESC";
        return databases.logJdbc().stream(sql, w.params(), maxRows, rs -> new LogEntry(rs.getLong(1), Jdbc.instant(rs, "CREATED_AT"),
                Severity.ofCode(rs.getInt(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)), sink);
    }

    /** A row of the list query: the details themselves are not read, only whether there are any. */
    record Line(long id, Instant at, Severity severity, String subsystem, String context, String text, boolean hasDetails) {
    }

    static Line line(ResultSet rs) throws SQLException {
        return new Line(rs.getLong(1), Jdbc.instant(rs, "CREATED_AT"), Severity.ofCode(rs.getInt(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7) == 1);
    }

    public static String typeName(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
