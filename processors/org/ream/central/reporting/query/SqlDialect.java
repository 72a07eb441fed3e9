package org.ream.central.reporting.query;

import org.ream.central.persistence.Dialect;

/**
 * The SQL that differs between Firebird 3, PostgreSQL and SQL Server in report queries: adding
 * seconds to a timestamp, the parts of a timestamp (hour, ISO day of week, ISO week and year),
 * booleans, remainders and the comma-separated list of a column's values. Everything else a
 * report query uses (derived tables, window functions, CASE, OFFSET/FETCH) is written once.
 */
final class SqlDialect {

    private final Dialect dialect;

    SqlDialect(Dialect dialect) {
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /** {@code ts} plus a number of seconds (an expression, possibly with parameters). */
    Sql plusSeconds(Sql ts, Sql seconds) {
        return switch (dialect) {
            case POSTGRESQL -> Sql.of("(").add(ts).add(" + (").add(seconds).add(") * INTERVAL '1 second')");
            case FIREBIRD, SQLSERVER -> Sql.of("DATEADD(SECOND, ").add(seconds).add(", ").add(ts).add(")");
        };
    }

    Sql date(Sql ts) {
        return Sql.of("CAST(").add(ts).add(" AS DATE)");
    }

    Sql hour(Sql ts) {
        return switch (dialect) {
            case FIREBIRD -> Sql.of("EXTRACT(HOUR FROM ").add(ts).add(")");
            case POSTGRESQL -> Sql.of("CAST(EXTRACT(HOUR FROM ").add(ts).add(") AS INTEGER)");
            case SQLSERVER -> Sql.of("DATEPART(HOUR, ").add(ts).add(")");
        };
    }

    /** 1 for Monday to 7 for Sunday, whatever the session's settings (SQL Server's DATEFIRST). */
    Sql isoDayOfWeek(Sql ts) {
        return switch (dialect) {
            case FIREBIRD -> Sql.of("(MOD(EXTRACT(WEEKDAY FROM ").add(ts).add(") + 6, 7) + 1)");
            case POSTGRESQL -> Sql.of("CAST(EXTRACT(ISODOW FROM ").add(ts).add(") AS INTEGER)");
            // 1900-01-01 was a Monday.
            case SQLSERVER -> Sql.of("((DATEDIFF(DAY, CAST('19000101' AS DATETIME2), ").add(ts).add(") % 7 + 7) % 7 + 1)");
        };
    }

    Sql year(Sql ts) {
        return switch (dialect) {
            case FIREBIRD -> Sql.of("EXTRACT(YEAR FROM ").add(ts).add(")");
            case POSTGRESQL -> Sql.of("CAST(EXTRACT(YEAR FROM ").add(ts).add(") AS INTEGER)");
            case SQLSERVER -> Sql.of("DATEPART(YEAR, ").add(ts).add(")");
        };
    }

    Sql month(Sql ts) {
        return switch (dialect) {
            case FIREBIRD -> Sql.of("EXTRACT(MONTH FROM ").add(ts).add(")");
            case POSTGRESQL -> Sql.of("CAST(EXTRACT(MONTH FROM ").add(ts).add(") AS INTEGER)");
            case SQLSERVER -> Sql.of("DATEPART(MONTH, ").add(ts).add(")");
        };
    }

    /** The ISO week number (weeks start on Monday; week 1 holds the year's first Thursday). */
    Sql isoWeek(Sql ts) {
        return switch (dialect) {
            case FIREBIRD -> Sql.of("EXTRACT(WEEK FROM ").add(ts).add(")");
            case POSTGRESQL -> Sql.of("CAST(EXTRACT(WEEK FROM ").add(ts).add(") AS INTEGER)");
            case SQLSERVER -> Sql.of("DATEPART(ISO_WEEK, ").add(ts).add(")");
        };
    }

    /** The year an ISO week belongs to: the year of its Thursday. */
    Sql isoWeekYear(Sql ts) {
        return switch (dialect) {
            case POSTGRESQL -> Sql.of("CAST(EXTRACT(ISOYEAR FROM ").add(ts).add(") AS INTEGER)");
            case FIREBIRD, SQLSERVER -> year(Sql.of("DATEADD(DAY, 4 - ").add(isoDayOfWeek(ts)).add(", ").add(ts).add(")"));
        };
    }

    Sql mod(Sql a, int b) {
        return switch (dialect) {
            case FIREBIRD, POSTGRESQL -> Sql.of("MOD(").add(a).add(", " + b + ")");
            case SQLSERVER -> Sql.of("((").add(a).add(") % " + b + ")");
        };
    }

    /** A boolean column is true (SQL Server keeps booleans as BIT). */
    String isTrue(String column) {
        return dialect == Dialect.SQLSERVER ? column + " = 1" : column + " = TRUE";
    }

    /**
     * The values of {@code value} over the rows of {@code fromWhere} ("FROM ... WHERE ..."), sorted
     * and joined by ", ": one cell for what a fact has several of (a user's groups, a printer's
     * groups). Null when there is none.
     */
    Sql list(String value, Sql fromWhere) {
        return switch (dialect) {
            // LIST keeps the order its input arrives in when that is a sorted derived table.
            case FIREBIRD -> Sql.of("(SELECT LIST(L_.V_, ', ') FROM (SELECT " + value + " AS V_ ").add(fromWhere)
                    .add(" ORDER BY 1) L_)");
            case POSTGRESQL -> Sql.of("(SELECT STRING_AGG(" + value + ", ', ' ORDER BY " + value + ") ").add(fromWhere).add(")");
            case SQLSERVER -> Sql.of("(SELECT STRING_AGG(" + value + ", ', ') WITHIN GROUP (ORDER BY " + value + ") ").add(fromWhere)
                    .add(")");
        };
    }

    /** A parameter in a select list, typed (Firebird cannot type a bare marker there). */
    Sql bigintParam(long value) {
        return Sql.of("CAST(").param(value).add(" AS BIGINT)");
    }
}
