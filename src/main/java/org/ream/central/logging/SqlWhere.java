package org.ream.central.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ream.central.persistence.Dialect;

/**
 * Builds the WHERE clause of a filtered list (log, audit log) with its parameters, in SQL that
 * Firebird 3, PostgreSQL and SQL Server all accept. Every value is bound, never concatenated.
 */
public final class SqlWhere {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public SqlWhere add(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    public SqlWhere range(String column, Period.Range range) {
        if (range.from() != null) {
            add(column + " >= ?", range.from());
        }
        if (range.to() != null) {
            add(column + " < ?", range.to());
        }
        return this;
    }

    public SqlWhere in(String column, Collection<?> values) {
        if (values == null || values.isEmpty()) {
            return this;
        }
        conditions.add(column + (values.size() == 1 ? " = ?" : " IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")"));
        params.addAll(values);
        return this;
    }

    /** Case-insensitive substring match; % and _ typed by the user match themselves. */
    public SqlWhere contains(String column, String text, Dialect dialect) {
        if (text == null || text.isEmpty()) {
            return this;
        }
        return add("UPPER(" + column + ") LIKE UPPER(?) ESCAPE '!'", "%" + escapeLike(text, dialect) + "%");
    }

    static String escapeLike(String text, Dialect dialect) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (char ch : text.toCharArray()) {
            if (ch == '!' || ch == '%' || ch == '_') {
                sb.append('!').append(ch);
            } else if (ch == '[' && dialect == Dialect.SQLSERVER) {
                // SQL Server reads [...] as a character class; Firebird rejects an escape before '['.
                sb.append("[[]");
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Object[] params(Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all.toArray();
    }

    /** A copy, so a base filter can be extended for paging without changing it. */
    public SqlWhere copy() {
        SqlWhere w = new SqlWhere();
        w.conditions.addAll(conditions);
        w.params.addAll(params);
        return w;
    }
}
