package org.ream.central.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ream.central.persistence.Dialect;
import org.ream.central.persistence.Jdbc;

/**
 * The distinct values of an indexed column (subsystems, event types) for filter lists, read by
 * one index seek per value instead of a DISTINCT over millions of rows. Firebird 3 turns an
 * exclusive lower bound into an inclusive one and then checks every row of the previous value,
 * so there the next seek starts just above it (value + U+0001) instead.
 */
public final class DistinctValues {

    private DistinctValues() {
    }

    /** {@code table} and {@code column} are constants of the caller, never user input. */
    public static List<String> of(Jdbc jdbc, Dialect dialect, String table, String column, int max) {
        boolean firebird = dialect == Dialect.FIREBIRD;
        String seek = "SELECT MIN(" + column + ") FROM " + table + " WHERE " + column + (firebird ? " >= ?" : " > ?");
        List<String> out = new ArrayList<>();
        String last = null;
        while (out.size() < max) {
            Optional<String> next = last == null
                    ? jdbc.one("SELECT MIN(" + column + ") FROM " + table, rs -> rs.getString(1))
                    : jdbc.one(seek, rs -> rs.getString(1), firebird ? last + "\u0001" : last);
            if (next.isEmpty()) {
                break;
            }
            if (last != null && next.get().stripTrailing().equals(last.stripTrailing())) {
                // The engine did not seek past the previous value: read the list the slow way.
                return all(jdbc, table, column, max);
            }
            out.add(next.get());
            last = next.get();
        }
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }

    static List<String> all(Jdbc jdbc, String table, String column, int max) {
        List<String> out = new ArrayList<>(jdbc.query("SELECT " + column + " FROM " + table + " GROUP BY " + column, rs -> rs.getString(1)));
        out.removeIf(java.util.Objects::isNull);
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out.size() > max ? out.subList(0, max) : out;
    }
}
