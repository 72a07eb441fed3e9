package org.ream.central.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL Server support, checked without a SQL Server: the creation scripts in docs/sql/sqlserver
 * are what Liquibase makes of the changelogs today, and they only use what SQL Server accepts
 * (types, name lengths, sequences, cascade paths). {@code -Dsqlserver.ddl.write=true} rewrites the
 * scripts instead of failing on a difference.
 */
class SqlServerDdlTest {

    static final Map<String, String> CHANGELOGS = Map.of("db/main-changelog.yaml", "main", "db/log-changelog.yaml", "log");
    static final Map<String, String> generated = new TreeMap<>();

    @BeforeAll
    static void generate() {
        CHANGELOGS.forEach((changelog, role) -> generated.put(changelog, SqlServerDdl.generate(changelog, role)));
    }

    @Test
    void theCommittedScriptsAreWhatTheChangelogsGenerate() throws IOException {
        boolean write = Boolean.getBoolean("sqlserver.ddl.write");
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path script = SqlServerDdl.scriptFor(e.getKey());
            if (write) {
                Files.createDirectories(script.getParent());
                Files.writeString(script, e.getValue(), StandardCharsets.UTF_8);
                continue;
            }
            assertThat(script).as("%s is missing: create it with %s", script, SqlServerDdl.REFRESH).exists();
            assertThat(Files.readString(script, StandardCharsets.UTF_8))
                    .as("%s is out of date with %s: refresh it with %s, review the difference and commit it", script, e.getKey(), SqlServerDdl.REFRESH)
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void generationIsReproducible() {
        for (String changelog : List.of("db/log-changelog.yaml", "db/main-changelog.yaml")) {
            assertThat(SqlServerDdl.generate(changelog, CHANGELOGS.get(changelog))).as(changelog).isEqualTo(generated.get(changelog));
        }
    }

    @Test
    void everyTypeIsASqlServerTypeAndTextIsUnicode() {
        for (Map.Entry<String, String> e : generated.entrySet()) {
            String ddl = schemaStatements(e.getValue());
            assertThat(ddl).as(e.getKey()).containsIgnoringCase("nvarchar(").containsIgnoringCase("datetime2").containsIgnoringCase("bigint");
            // varchar holds only the server's code page: names outside it would become '?'.
            assertThat(find(ddl, "(?i)(?<![n\\w])varchar\\s*\\(")).as("single-byte varchar in %s", e.getKey()).isEmpty();
            // Words that are not SQL Server types (TIMESTAMP is a row version there), nor Firebird-only ones.
            assertThat(find(ddl, "(?i)\\b(TIMESTAMP|BOOLEAN|CLOB|NCLOB|BLOB|TEXT|NTEXT|DOUBLE PRECISION|SUB_TYPE)\\b")).as(e.getKey()).isEmpty();
        }
        assertThat(generated.get("db/main-changelog.yaml")).contains("USE_AUTH_SERVER bit").contains("CONFIG nvarchar(MAX)")
                .contains("USERNAME nvarchar(255) NOT NULL").contains("SETTING_VALUE nvarchar(4000)");
        assertThat(generated.get("db/log-changelog.yaml")).contains("MSG_TEXT nvarchar(4000) NOT NULL").contains("DETAILS nvarchar(MAX)");
    }

    @Test
    void sequencesStartAtOneNotAtTheSmallestBigint() {
        for (Map.Entry<String, String> e : generated.entrySet()) {
            List<String> sequences = find(e.getValue(), "(?m)^CREATE SEQUENCE (\\w+)");
            assertThat(sequences).as(e.getKey()).isNotEmpty();
            for (String name : sequences) {
                assertThat(e.getValue()).as("%s in %s", name, e.getKey()).contains("ALTER SEQUENCE " + name + " RESTART WITH 1");
            }
        }
        assertThat(generated.get("db/main-changelog.yaml")).contains("CREATE SEQUENCE REAM_ID_SEQ");
        assertThat(generated.get("db/log-changelog.yaml")).contains("CREATE SEQUENCE LOG_ID_SEQ");
    }

    @Test
    void namesFitSqlServerAndFirebirdAndAreNoReservedWords() throws Exception {
        Set<String> inScripts = new TreeSet<>();
        for (String ddl : generated.values()) {
            inScripts.addAll(find(schemaStatements(ddl), "(?i)(?:TABLE|INDEX|CONSTRAINT|SEQUENCE)\\s+\\[?(\\w+)"));
            inScripts.addAll(find(schemaStatements(ddl), "[(,]\\s*\\[?([A-Z][A-Z0-9_]*)\\]?\\s+(?:n?varchar|bigint|int|smallint|bit|datetime2|date)\\b"));
        }
        assertThat(inScripts).as("names in the scripts").hasSizeGreaterThan(50);
        assertThat(inScripts).filteredOn(n -> n.length() > 128).as("SQL Server names are at most 128 characters").isEmpty();

        Set<String> declared = declaredNames();
        assertThat(declared).as("names in the changelogs").contains("REAM_INFO", "USERS", "PK_USERS", "FK_DELEG_USER", "IX_LOG_ENTRIES_SEV_AT", "LOG_ID_SEQ");
        assertThat(declared).filteredOn(n -> n.length() > 31).as("Firebird 3 names are at most 31 characters").isEmpty();
        assertThat(declared).filteredOn(n -> !n.matches("[A-Z][A-Z0-9_]*")).as("unquoted upper-case names only").isEmpty();

        Set<String> reserved = new TreeSet<>();
        ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor();
        for (String dbms : List.of("firebird", "postgresql", "mssql")) {
            Database db = DatabaseFactory.getInstance().openDatabase("offline:" + dbms, null, null, null, resources);
            declared.stream().filter(db::isReservedWord).map(n -> n + " (" + dbms + ")").forEach(reserved::add);
        }
        declared.stream().filter(RESERVED::contains).map(n -> n + " (reserved word list of this test)").forEach(reserved::add);
        assertThat(reserved).as("reserved words used as names").isEmpty();
    }

    @Test
    void noTableCanBeReachedByTwoCascadePaths() {
        // SQL Server refuses a foreign key ON DELETE CASCADE that opens a second cascade path
        // (or a cycle) from one table to another; Firebird and PostgreSQL accept it.
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Map<String, List<String>> cascades = new HashMap<>();
            String table = null;
            for (String stmt : schemaStatements(e.getValue()).split(";")) {
                Matcher t = Pattern.compile("(?i)(?:CREATE|ALTER) TABLE (\\w+)").matcher(stmt);
                if (t.find()) {
                    table = t.group(1);
                }
                Matcher fk = Pattern.compile("(?i)FOREIGN KEY \\([^)]*\\) REFERENCES (\\w+)\\s*\\([^)]*\\)( ON DELETE CASCADE)?").matcher(stmt);
                while (fk.find()) {
                    if (fk.group(2) != null) {
                        cascades.computeIfAbsent(fk.group(1), k -> new ArrayList<>()).add(table);
                    }
                }
            }
            if (e.getKey().startsWith("db/main")) {
                assertThat(cascades).as("cascading foreign keys found in %s", e.getKey()).containsKeys("USERS", "USER_GROUPS", "SCHEDULES");
            }
            for (String origin : cascades.keySet()) {
                Map<String, Integer> paths = new HashMap<>();
                countPaths(origin, cascades, paths, new LinkedHashSet<>(List.of(origin)));
                assertThat(paths).as("tables reached from %s by more than one cascade path (%s)", origin, e.getKey())
                        .allSatisfy((target, n) -> assertThat(n).as(target).isEqualTo(1));
            }
        }
    }

    @Test
    void theSqlServerDialect() {
        assertThat(Dialect.ofUrl("jdbc:sqlserver://db.example.org:1433;databaseName=REAM;encrypt=true")).isEqualTo(Dialect.SQLSERVER);
        assertThat(Dialect.ofUrl("jdbc:postgresql://127.0.0.1:5432/ream")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.ofUrl("jdbc:firebird:embedded:/data/db/ream.fdb")).isEqualTo(Dialect.FIREBIRD);
        assertThat(Dialect.ofUrl("jdbc:firebirdsql://host/ream")).isEqualTo(Dialect.FIREBIRD);
        assertThatThrownBy(() -> Dialect.ofUrl("jdbc:mysql://host/ream")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:sqlserver:");
        assertThat(Dialect.SQLSERVER.nextValueSql("REAM_ID_SEQ")).isEqualTo("SELECT NEXT VALUE FOR REAM_ID_SEQ");
        assertThat(Dialect.FIREBIRD.nextValueSql("REAM_ID_SEQ")).isEqualTo("SELECT NEXT VALUE FOR REAM_ID_SEQ FROM RDB$DATABASE");
        assertThat(Dialect.POSTGRESQL.nextValueSql("REAM_ID_SEQ")).isEqualTo("SELECT nextval('ream_id_seq')");
        assertThat(Dialect.SQLSERVER.likeIgnoreCase("FULL_NAME")).isEqualTo("UPPER(FULL_NAME) LIKE UPPER(?)");
        for (Dialect d : Dialect.values()) {
            assertThat(d.driverClass()).as(d.name()).satisfies(c -> Class.forName(c));
        }
        assertThat(new DatabaseTarget("main", "jdbc:sqlserver://h;databaseName=REAM;user=ream;password=s3cret", "", "", java.util.Optional.empty())
                .displayUrl()).doesNotContain("s3cret");
    }

    private static void countPaths(String from, Map<String, List<String>> cascades, Map<String, Integer> paths, LinkedHashSet<String> trail) {
        for (String child : cascades.getOrDefault(from, List.of())) {
            assertThat(trail).as("cascade cycle through %s", trail).doesNotContain(child);
            paths.merge(child, 1, Integer::sum);
            trail.add(child);
            countPaths(child, cascades, paths, trail);
            trail.remove(child);
        }
    }

    /** The script without comments and Liquibase's own bookkeeping. */
    private static String schemaStatements(String script) {
        StringBuilder out = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.startsWith("--") || line.equals("GO") || line.contains("DATABASECHANGELOG")) {
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static List<String> find(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }

    /** Every table, column, key, index and sequence name the changelogs declare. */
    private static Set<String> declaredNames() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern key = Pattern.compile("\\b(?:tableName|indexName|constraintName|sequenceName|primaryKeyName|foreignKeyName|uniqueConstraintName"
                + "|baseTableName|referencedTableName|columnName|viewName|name)\\s*:\\s*\"?([A-Za-z_$][\\w$]*)");
        Pattern list = Pattern.compile("\\b(?:columnNames|baseColumnNames|referencedColumnNames)\\s*:\\s*\"([^\"]+)\"");
        for (String changelog : CHANGELOGS.keySet()) {
            String yaml;
            try (InputStream in = SqlServerDdlTest.class.getClassLoader().getResourceAsStream(changelog)) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            yaml = yaml.replaceAll("(?m)#.*$", "");
            Matcher m = key.matcher(yaml);
            while (m.find()) {
                names.add(m.group(1));
            }
            m = list.matcher(yaml);
            while (m.find()) {
                for (String n : m.group(1).split(",")) {
                    names.add(n.trim());
                }
            }
        }
        return names;
    }

    /**
     * Reserved words of Firebird 3, SQL Server and PostgreSQL that Liquibase's own lists miss
     * (it knows USER and GROUP, not DAY, AT or POSITION), from each database's documentation.
     */
    static final Set<String> RESERVED = Set.of(("ADD ADMIN ALL ALTER AND ANY AS ASC AT AUTHORIZATION AVG BACKUP BEGIN BETWEEN BIGINT BINARY BIT_LENGTH"
            + " BLOB BOOLEAN BOTH BREAK BROWSE BULK BY CASCADE CASE CAST CHAR CHARACTER CHARACTER_LENGTH CHAR_LENGTH CHECK CHECKPOINT CLOSE CLUSTERED"
            + " COALESCE COLLATE COLUMN COMMIT COMPUTE CONNECT CONSTRAINT CONTAINS CONTINUE CONVERT CORR COUNT CREATE CROSS CURRENT CURRENT_CONNECTION"
            + " CURRENT_DATE CURRENT_ROLE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_TRANSACTION CURRENT_USER CURSOR DATABASE DATE DAY DBCC DEALLOCATE DEC"
            + " DECIMAL DECLARE DEFAULT DELETE DELETING DENY DESC DETERMINISTIC DISCONNECT DISK DISTINCT DISTRIBUTED DO DOUBLE DROP DUMP ELSE END"
            + " ERRLVL ESCAPE EXCEPT EXEC EXECUTE EXISTS EXIT EXTERNAL EXTRACT FALSE FETCH FILE FILLFACTOR FILTER FLOAT FOR FOREIGN FREETEXT FROM FULL"
            + " FUNCTION GDSCODE GLOBAL GOTO GRANT GROUP HAVING HOLDLOCK HOUR IDENTITY IDENTITYCOL IF ILIKE IN INDEX INNER INSENSITIVE INSERT INSERTING"
            + " INT INTEGER INTERSECT INTO IS ISNULL JOIN KEY KILL LATERAL LEADING LEFT LIKE LIMIT LINENO LOAD LOCALTIME LOCALTIMESTAMP LONG LOWER MAX"
            + " MERGE MIN MINUTE MONTH NATIONAL NATURAL NCHAR NO NOCHECK NONCLUSTERED NOT NOTNULL NULL NULLIF NUMERIC OCTET_LENGTH OF OFF OFFSET"
            + " OFFSETS ON ONLY OPEN OPTION OR ORDER OUTER OVER OVERLAPS PARAMETER PERCENT PIVOT PLAN POSITION POST_EVENT PRECISION PRIMARY PRINT PROC"
            + " PROCEDURE PUBLIC RAISERROR READ READTEXT REAL RECONFIGURE RECREATE RECURSIVE REFERENCES RELEASE REPLICATION RESTORE RESTRICT RETURN"
            + " RETURNING RETURNS REVERT REVOKE RIGHT ROLLBACK ROW ROWCOUNT ROWGUIDCOL ROWS ROW_COUNT RULE SAVE SAVEPOINT SCHEMA SCROLL SECOND"
            + " SECURITYAUDIT SELECT SENSITIVE SESSION_USER SET SETUSER SHUTDOWN SIMILAR SMALLINT SOME SQLCODE SQLSTATE START STATISTICS SUM"
            + " SYMMETRIC SYSTEM_USER TABLE TABLESAMPLE TEXTSIZE THEN TIME TIMESTAMP TO TOP TRAILING TRAN TRANSACTION TRIGGER TRIM TRUE TRUNCATE"
            + " TSEQUAL UNION UNIQUE UNKNOWN UNPIVOT UPDATE UPDATETEXT UPDATING UPPER USE USER USING VALUE VALUES VARCHAR VARIABLE VARIADIC VARYING"
            + " VIEW WAITFOR WHEN WHERE WHILE WINDOW WITH WITHIN WRITETEXT YEAR").split(" "));
}
