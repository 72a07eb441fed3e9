package org.ream.central.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.ream.central.persistence.Jdbc;
import org.ream.central.reporting.output.RowSource;
import org.ream.central.reporting.query.RawKind;
import org.ream.central.reporting.query.ReportQuery;

/**
 * A report's rows read from the database as they are written: a forward-only, read-only cursor
 * fetched {@value #FETCH_SIZE} rows at a time inside one transaction (PostgreSQL streams a
 * result only with autocommit off; the others read a consistent snapshot that way too), never
 * the whole result in memory. The connection goes back to the pool at the last row or on
 * {@link #close()}, whichever comes first; the transaction is rolled back, as nothing was written.
 */
public final class JdbcRowSource implements RowSource {

    static final int FETCH_SIZE = 500;

    private final ReportQuery query;
    private final List<RawKind> kinds;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private boolean autoCommit;
    private long read;

    private JdbcRowSource(ReportQuery query) {
        this.query = query;
        this.kinds = query.rawKinds();
    }

    /** Runs the query on a connection of {@code ds}; the caller closes the source. */
    public static JdbcRowSource open(DataSource ds, ReportQuery query) throws SQLException {
        JdbcRowSource source = new JdbcRowSource(query);
        try {
            source.connection = ds.getConnection();
            source.autoCommit = source.connection.getAutoCommit();
            source.connection.setAutoCommit(false);
            source.statement = source.connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            source.statement.setFetchSize(FETCH_SIZE);
            Jdbc.bind(source.statement, query.params().toArray());
            source.rows = source.statement.executeQuery();
            return source;
        } catch (SQLException | RuntimeException e) {
            source.closeQuietly(e);
            throw e;
        }
    }

    /** The next result row as the database gave it (see {@link ReportQuery#rawKinds()}), or null at the end. */
    public Object[] nextRaw() throws SQLException {
        if (rows == null) {
            return null;
        }
        if (!rows.next()) {
            close();
            return null;
        }
        Object[] out = new Object[kinds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(rows, i + 1, kinds.get(i));
        }
        read++;
        return out;
    }

    @Override
    public Object[] next() throws SQLException {
        Object[] raw = nextRaw();
        return raw == null ? null : query.row(raw);
    }

    /** Rows read so far. */
    public long rowsRead() {
        return read;
    }

    static Object read(ResultSet rs, int i, RawKind kind) throws SQLException {
        return switch (kind) {
            case STRING -> rs.getString(i);
            case LONG -> {
                Object o = rs.getObject(i);
                yield o == null ? null : (Object) ((Number) o).longValue();
            }
            case DECIMAL -> rs.getBigDecimal(i);
            case BOOL -> {
                boolean b = rs.getBoolean(i);
                yield rs.wasNull() ? null : (Object) b;
            }
            case TIMESTAMP -> {
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                yield t == null ? null : t.toInstant(ZoneOffset.UTC);
            }
            case DATE -> rs.getObject(i, LocalDate.class);
        };
    }

    @Override
    public void close() throws SQLException {
        if (connection == null) {
            return;
        }
        SQLException failure = null;
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            failure = e;
        } finally {
            rows = null;
            statement = null;
            Connection c = connection;
            connection = null;
            c.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeQuietly(Exception cause) {
        try {
            close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
