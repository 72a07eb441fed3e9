package org.ream.central.persistence;

import io.agroal.api.AgroalDataSourceListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements kept per pooled connection, by SQL text. Firebird 3 compiles a statement
 * on every prepare (0.3 to 0.9 ms for our queries, more than running them), and neither Jaybird
 * nor Agroal pools statements; PostgreSQL's driver only switches to a server-side plan for a
 * statement object it sees executed several times. Reusing the statement object removes that
 * cost from every query of {@link Jdbc}.
 *
 * <p>Statements are prepared on the physical connection (below Agroal's wrapper, which would
 * close them when the connection goes back to the pool) and live as long as it: the pool's
 * listener drops a connection's statements when it destroys the connection. A connection is
 * used by one thread at a time, so its own map needs no locking. A statement whose use failed
 * is closed and forgotten, so a broken one is never handed out twice.
 */
public final class StatementCache {

    /** Per connection; queries built from filters vary, the least recently used go first. */
    static final int MAX_PER_CONNECTION = 128;

    private static final Map<Connection, Lru> BY_CONNECTION = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Bumped by {@link #schemaChanged()}: a connection's statements of an older epoch are prepared again. */
    private static volatile long epoch;

    private StatementCache() {
    }

    /** Registered on each pool: forgets a connection's statements when the pool closes it. */
    public static final AgroalDataSourceListener POOL_LISTENER = new AgroalDataSourceListener() {
        @Override
        public void beforeConnectionDestroy(Connection connection) {
            forget(connection);
        }
    };

    /**
     * A statement for the SQL on this connection, its parameters cleared; give it back with
     * {@link #release} (never close it yourself).
     */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Connection physical = physical(c);
        if (physical == null) {
            return c.prepareStatement(sql);
        }
        Lru statements = BY_CONNECTION.get(physical);
        if (statements == null) {
            // A new connection: also drop those closed without the pool's listener (a pool made elsewhere).
            sweepClosed();
            statements = new Lru();
            BY_CONNECTION.put(physical, statements);
        } else if (statements.epoch != epoch) {
            // Dropped by the thread that owns the connection now, never under another one's feet.
            statements.closeAll();
        }
        PreparedStatement ps = statements.get(sql);
        if (ps != null && !ps.isClosed()) {
            ps.clearParameters();
            return ps;
        }
        ps = physical.prepareStatement(sql);
        statements.put(sql, ps);
        return ps;
    }

    /** After use: a statement that failed (or was not cached) is closed; a good one stays for the next call. */
    static void release(Connection c, String sql, PreparedStatement ps, boolean ok) throws SQLException {
        Connection physical = physical(c);
        Map<String, PreparedStatement> statements = physical == null ? null : BY_CONNECTION.get(physical);
        if (statements == null || statements.get(sql) != ps) {
            ps.close();
            return;
        }
        if (!ok) {
            statements.remove(sql);
            try {
                ps.close();
            } catch (SQLException ignored) {
                // already unusable; the original failure is what the caller reports
            }
        }
    }

    static void forget(Connection connection) {
        Lru statements = BY_CONNECTION.remove(connection);
        if (statements != null) {
            // The connection closes its statements itself; closing them here first frees server-side handles early.
            statements.closeAll();
        }
    }

    /**
     * After DDL on a running database (migrations): a prepared statement keeps the table
     * definitions (and triggers) it was compiled with, so every connection prepares afresh.
     */
    public static synchronized void schemaChanged() {
        epoch++;
    }

    private static void sweepClosed() {
        Connection[] known;
        synchronized (BY_CONNECTION) {
            known = BY_CONNECTION.keySet().toArray(new Connection[0]);
        }
        for (Connection k : known) {
            boolean closed;
            try {
                closed = k.isClosed();
            } catch (SQLException e) {
                closed = true;
            }
            if (closed) {
                forget(k);
            }
        }
    }

    /** How many connections hold cached statements (for tests). */
    static int connections() {
        return BY_CONNECTION.size();
    }

    private static Connection physical(Connection c) {
        try {
            Connection raw = c.unwrap(Connection.class);
            return raw == null || raw == c ? null : raw;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    private static final class Lru extends LinkedHashMap<String, PreparedStatement> {
        long epoch = StatementCache.epoch;

        Lru() {
            super(32, 0.75f, true);
        }

        void closeAll() {
            for (PreparedStatement ps : values()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // dropped anyway
                }
            }
            clear();
            epoch = StatementCache.epoch;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= MAX_PER_CONNECTION) {
                return false;
            }
            try {
                eldest.getValue().close();
            } catch (SQLException ignored) {
                // dropping it anyway
            }
            return true;
        }
    }
}
