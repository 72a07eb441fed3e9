package org.ream.central.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Thin JDBC helper: parameter binding with UTC instants, row mapping and transactions.
 * Plain SQL keeps bulk paths fast and the three dialects visible.
 */
public final class Jdbc {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Receives streamed rows one by one (an export writing to a download, say). */
    @FunctionalInterface
    public interface RowSink<T> {
        void accept(T row) throws Exception;
    }

    /** The sink failed while rows were streamed (usually the client went away); not a database failure. */
    public static final class SinkFailed extends RuntimeException {
        SinkFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final DataSource ds;

    public Jdbc(DataSource ds) {
        this.ds = ds;
    }

    public DataSource dataSource() {
        return ds;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = ds.getConnection()) {
            return query(c, sql, mapper, params);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, sql);
        boolean ok = false;
        try {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            ok = true;
            return out;
        } finally {
            StatementCache.release(c, sql, ps, ok);
        }
    }

    /**
     * Streams the rows of a query to a sink, up to {@code maxRows}, and returns whether more
     * matched beyond that limit. One read-only transaction with a server-side cursor, so memory
     * stays flat whatever the row count.
     */
    public <T> boolean stream(String sql, Object[] params, int maxRows, RowMapper<T> mapper, RowSink<? super T> sink) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            // PostgreSQL only streams with a fetch size inside a transaction; the others do either way.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(1000);
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        if (n == maxRows) {
                            return true;
                        }
                        sink.accept(mapper.map(rs));
                        n++;
                    }
                    return false;
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SinkFailed(e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public int update(String sql, Object... params) {
        try (Connection c = ds.getConnection()) {
            return update(c, sql, params);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, sql);
        boolean ok = false;
        try {
            bind(ps, params);
            int n = ps.executeUpdate();
            ok = true;
            return n;
        } finally {
            StatementCache.release(c, sql, ps, ok);
        }
    }

    /**
     * One JDBC batch of rows for one statement, prepared once per connection (loaders write
     * chunk after chunk with the same few statements). Returns the per-row counts.
     */
    public static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, sql);
        boolean ok = false;
        try {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            ok = true;
            return counts;
        } finally {
            StatementCache.release(c, sql, ps, ok);
        }
    }

    /** Runs work in one transaction: commit on success, rollback on any failure. */
    public <T> T inTransaction(TxWork<T> work) {
        InFlightChanges.transactionStarted();
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        } finally {
            InFlightChanges.transactionEnded();
        }
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int idx = i + 1;
            if (p == null) {
                ps.setNull(idx, Types.NULL);
            } else if (p instanceof Instant inst) {
                ps.setObject(idx, LocalDateTime.ofInstant(inst, ZoneOffset.UTC));
            } else if (p instanceof LocalDate d) {
                ps.setDate(idx, java.sql.Date.valueOf(d));
            } else if (p instanceof Boolean b) {
                ps.setBoolean(idx, b);
            } else if (p instanceof Enum<?> en) {
                ps.setString(idx, en.name());
            } else {
                ps.setObject(idx, p);
            }
        }
    }

    /**
     * Instants are stored as UTC wall-clock TIMESTAMPs (Firebird 3 has no time zone type),
     * bound as LocalDateTime so the JVM's own time zone never shifts them.
     */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime ldt = rs.getObject(column, LocalDateTime.class);
        return ldt == null ? null : ldt.toInstant(ZoneOffset.UTC);
    }
}
