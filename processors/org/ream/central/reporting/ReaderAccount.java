package org.ream.central.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ream.central.usersettings.PasswordPolicy;
import org.ream.central.validation.InvalidField;

/**
 * The read-only database account of the external reports (manual 6.10): its name, what its
 * password must be, and the SQL that creates, changes and drops it on each database. It may
 * read the views of {@link BiViews} and nothing else.
 *
 * <p>The account is the manual's {@code db_datareader}. SQL Server reserves that name for a
 * fixed role of every database, so there it is {@code ream_datareader}. Names are plain
 * identifiers (never quoted in SQL); Firebird keeps them in upper case, PostgreSQL in lower case.
 */
public final class ReaderAccount {

    /** The databases the server runs on. */
    public enum Database { FIREBIRD, POSTGRESQL, SQLSERVER }

    public static final int MAX_PASSWORD_LENGTH = 64;

    /** What SQL Server's own password policy asks (8 characters, 3 of 4 kinds), the strictest of the three. */
    static final PasswordPolicy POLICY = new PasswordPolicy(8, 3);

    private final Database database;
    private final String name;

    private ReaderAccount(Database database, String name) {
        this.database = database;
        this.name = name;
    }

    /**
     * The account on this database: the configured name (start-up configuration, for a database
     * server shared by several installations) or the default one.
     */
    public static ReaderAccount of(Database database, Optional<String> configured) {
        String raw = configured.map(String::trim).filter(s -> !s.isEmpty()).orElse(defaultName(database));
        if (!raw.matches("[A-Za-z][A-Za-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("'" + raw + "' is not a usable account name (ream.external-reports.account): a letter, then up to"
                    + " 30 letters, digits or underscores");
        }
        if (database == Database.SQLSERVER && raw.toLowerCase(Locale.ROOT).startsWith("db_")) {
            throw new IllegalArgumentException("'" + raw + "' is not a usable account name on SQL Server (ream.external-reports.account):"
                    + " names starting with db_ are its fixed database roles");
        }
        String name = switch (database) {
            case FIREBIRD -> raw.toUpperCase(Locale.ROOT);
            case POSTGRESQL -> raw.toLowerCase(Locale.ROOT);
            case SQLSERVER -> raw;
        };
        return new ReaderAccount(database, name);
    }

    public static String defaultName(Database database) {
        return switch (database) {
            case FIREBIRD -> "DB_DATAREADER";
            case POSTGRESQL -> "db_datareader";
            case SQLSERVER -> "ream_datareader";
        };
    }

    public Database database() {
        return database;
    }

    /** The account's name as the database keeps it (and as a client logs in with it). */
    public String name() {
        return name;
    }

    /**
     * Refuses a password the databases would refuse or that is easy to guess, and a confirmation
     * that differs. The account is reachable from the network, so the bar is SQL Server's policy.
     */
    public static void checkPassword(String password, String confirmation) {
        String p = password == null ? "" : password;
        if (p.isEmpty()) {
            throw new InvalidField("password", "is required: the read-only account needs a password");
        }
        if (p.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidField("password", "must not contain control characters");
        }
        if (p.codePointCount(0, p.length()) > MAX_PASSWORD_LENGTH) {
            throw new InvalidField("password", "must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        List<String> problems = POLICY.problems(p);
        if (!problems.isEmpty()) {
            throw new InvalidField("password", "is too weak: it " + String.join("; it ", problems));
        }
        if (!p.equals(confirmation)) {
            throw new InvalidField("confirmPassword", "does not match the password");
        }
    }

    /**
     * One row when the account exists, else none; parameter: the name. Its only column is true
     * (or 1) when the account can do more than read (administrator, superuser): such an account
     * is not taken over.
     */
    public String existsQuery() {
        return switch (database) {
            case FIREBIRD -> "SELECT SEC$ADMIN FROM SEC$USERS WHERE SEC$USER_NAME = ?";
            case POSTGRESQL -> "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = ?";
            case SQLSERVER -> "SELECT CASE WHEN IS_SRVROLEMEMBER('sysadmin', name) = 1 THEN 1 ELSE 0 END FROM sys.server_principals WHERE name = ?";
        };
    }

    /**
     * How many of the views the account may read in this database (parameter: the name), which
     * tells an account made for this database from one of the same name made elsewhere.
     */
    public String grantedViewsQuery() {
        String in = String.join(", ", BiViews.names().stream().map(v -> "'" + (database == Database.POSTGRESQL ? v.toLowerCase(Locale.ROOT) : v) + "'")
                .toList());
        return switch (database) {
            case FIREBIRD -> "SELECT COUNT(DISTINCT RDB$RELATION_NAME) FROM RDB$USER_PRIVILEGES WHERE RDB$USER = ? AND RDB$USER_TYPE = 8"
                    + " AND RDB$PRIVILEGE = 'S' AND RDB$RELATION_NAME IN (" + in + ")";
            case POSTGRESQL -> "SELECT COUNT(DISTINCT table_name) FROM information_schema.table_privileges WHERE grantee = ?"
                    + " AND table_schema = current_schema() AND privilege_type = 'SELECT' AND table_name IN (" + in + ")";
            case SQLSERVER -> "SELECT COUNT(DISTINCT p.major_id) FROM sys.database_permissions p JOIN sys.database_principals u"
                    + " ON u.principal_id = p.grantee_principal_id WHERE u.name = ? AND p.permission_name = 'SELECT' AND p.state = 'G'"
                    + " AND p.major_id IN (" + String.join(", ", BiViews.names().stream().map(v -> "OBJECT_ID(N'" + v + "')").toList()) + ")";
        };
    }

    /** The database and schema the views live in (one row, two columns); none on Firebird. */
    public Optional<String> placeQuery() {
        return switch (database) {
            case FIREBIRD -> Optional.empty();
            case POSTGRESQL -> Optional.of("SELECT current_database(), current_schema()");
            case SQLSERVER -> Optional.of("SELECT DB_NAME(), SCHEMA_NAME()");
        };
    }

    /**
     * Creates the account with its password and grants it the views. On PostgreSQL the password
     * is not part of these statements: the driver sets it as a SCRAM verifier computed on the
     * client, so it never travels or lands in a server log in clear.
     */
    public List<String> create(String password, Place place) {
        List<String> out = new ArrayList<>();
        switch (database) {
            case FIREBIRD -> out.add("CREATE USER " + name + " PASSWORD " + literal(password));
            case POSTGRESQL -> out.add("CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT");
            case SQLSERVER -> {
                out.add("CREATE LOGIN [" + name + "] WITH PASSWORD = N" + literal(password) + ", DEFAULT_DATABASE = " + bracket(place.database())
                        + ", CHECK_POLICY = ON, CHECK_EXPIRATION = OFF");
                out.add("CREATE USER [" + name + "] FOR LOGIN [" + name + "]");
            }
        }
        out.addAll(grants(place));
        return out;
    }

    /**
     * Sets a new password of an existing account and grants it the views again (views added by
     * an upgrade, a database restored without the grants). Empty on PostgreSQL but for the
     * grants: the driver sets the password there.
     */
    public List<String> update(String password, Place place) {
        List<String> out = new ArrayList<>();
        switch (database) {
            case FIREBIRD -> out.add("ALTER USER " + name + " PASSWORD " + literal(password));
            case POSTGRESQL -> out.add("ALTER ROLE " + name + " LOGIN");
            case SQLSERVER -> {
                out.add("ALTER LOGIN [" + name + "] WITH PASSWORD = N" + literal(password));
                out.add("IF USER_ID(N" + literal(name) + ") IS NULL CREATE USER [" + name + "] FOR LOGIN [" + name + "]");
            }
        }
        out.addAll(grants(place));
        return out;
    }

    /** SELECT on every view, and what a login needs to reach them; nothing on any table. */
    public List<String> grants(Place place) {
        List<String> out = new ArrayList<>();
        switch (database) {
            case FIREBIRD -> BiViews.names().forEach(v -> out.add("GRANT SELECT ON " + v + " TO USER " + name));
            case POSTGRESQL -> {
                out.add("GRANT CONNECT ON DATABASE " + quoted(place.database()) + " TO " + name);
                out.add("GRANT USAGE ON SCHEMA " + quoted(place.schema()) + " TO " + name);
                BiViews.names().forEach(v -> out.add("GRANT SELECT ON " + quoted(place.schema()) + "." + v + " TO " + name));
            }
            case SQLSERVER -> BiViews.names().forEach(v -> out.add("GRANT SELECT ON " + bracket(place.schema()) + "." + bracket(v) + " TO [" + name + "]"));
        }
        return out;
    }

    /** Takes every right of the account in this database away, then drops it. */
    public List<String> drop(Place place) {
        return switch (database) {
            case FIREBIRD -> List.of("REVOKE ALL ON ALL FROM USER " + name, "DROP USER " + name);
            case POSTGRESQL -> List.of("REVOKE ALL ON ALL TABLES IN SCHEMA " + quoted(place.schema()) + " FROM " + name,
                    "REVOKE ALL ON SCHEMA " + quoted(place.schema()) + " FROM " + name,
                    "REVOKE ALL ON DATABASE " + quoted(place.database()) + " FROM " + name, "DROP ROLE " + name);
            case SQLSERVER -> List.of("IF USER_ID(N" + literal(name) + ") IS NOT NULL DROP USER [" + name + "]", "DROP LOGIN [" + name + "]");
        };
    }

    /** Where the views are: database and schema (unused on Firebird). */
    public record Place(String database, String schema) {
        public static final Place NONE = new Place("", "");
    }

    /** A SQL string literal: Firebird and SQL Server take no parameters in user management statements. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String bracket(String identifier) {
        return "[" + identifier.replace("]", "]]") + "]";
    }
}
