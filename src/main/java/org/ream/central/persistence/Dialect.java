package org.ream.central.persistence;

/**
 * The few places where the three supported databases differ in SQL. Everything else
 * is written once in portable SQL (OFFSET/FETCH paging works on all three).
 */
public enum Dialect {
    FIREBIRD("org.firebirdsql.jdbc.FBDriver"),
    POSTGRESQL("org.postgresql.Driver"),
    SQLSERVER("com.microsoft.sqlserver.jdbc.SQLServerDriver");

    private final String driverClass;

    Dialect(String driverClass) {
        this.driverClass = driverClass;
    }

    public String driverClass() {
        return driverClass;
    }

    public static Dialect ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:firebird:") || jdbcUrl.startsWith("jdbc:firebirdsql:")) {
            return FIREBIRD;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:sqlserver:")) {
            return SQLSERVER;
        }
        throw new IllegalArgumentException("Unsupported database URL '" + jdbcUrl
                + "': use jdbc:firebird:..., jdbc:postgresql:... or jdbc:sqlserver:...");
    }

    /** SQL that returns the next value of a sequence as a single row and column. */
    public String nextValueSql(String sequence) {
        return switch (this) {
            case FIREBIRD -> "SELECT NEXT VALUE FOR " + sequence + " FROM RDB$DATABASE";
            case POSTGRESQL -> "SELECT nextval('" + sequence.toLowerCase() + "')";
            case SQLSERVER -> "SELECT NEXT VALUE FOR " + sequence;
        };
    }

    /** Case-insensitive LIKE on a column (Firebird and SQL Server defaults differ from PostgreSQL). */
    public String likeIgnoreCase(String column) {
        return "UPPER(" + column + ") LIKE UPPER(?)";
    }
}
