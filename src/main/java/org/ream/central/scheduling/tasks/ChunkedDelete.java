package org.ream.central.scheduling.tasks;

import org.ream.central.persistence.Dialect;
import org.ream.central.persistence.Jdbc;

/**
 * Deletes the rows matching a condition a chunk at a time, each chunk its own transaction, so
 * a big purge neither holds locks on the whole table nor grows one huge transaction.
 */
public final class ChunkedDelete {

    /** Rows deleted and the number of transactions that deleted some. */
    public record Result(long rows, int chunks) {
        Result plus(Result other) {
            return new Result(rows + other.rows, chunks + other.chunks);
        }
    }

    public static final Result NONE = new Result(0, 0);

    private ChunkedDelete() {
    }

    /** One statement deleting at most {@code chunk} rows of {@code table} matching {@code where}. */
    public static String sql(Dialect dialect, String table, String where, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be 1 or more, was " + chunk);
        }
        return switch (dialect) {
            case FIREBIRD -> "DELETE FROM " + table + " WHERE " + where + " ROWS " + chunk;
            case SQLSERVER -> "DELETE TOP (" + chunk + ") FROM " + table + " WHERE " + where;
            // PostgreSQL has no DELETE ... LIMIT: pick the physical rows of one chunk first.
            case POSTGRESQL -> "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE " + where
                    + " LIMIT " + chunk + "))";
        };
    }

    /** Deletes every matching row, chunk by chunk (autocommit: one transaction per statement). */
    public static Result run(Jdbc jdbc, Dialect dialect, String table, String where, int chunk, Object... params) {
        String sql = sql(dialect, table, where, chunk);
        long rows = 0;
        int chunks = 0;
        int n;
        do {
            n = jdbc.update(sql, params);
            if (n > 0) {
                rows += n;
                chunks++;
            }
        } while (n >= chunk);
        return new Result(rows, chunks);
    }
}
