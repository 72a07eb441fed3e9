package org.ream.central.persistence;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.executor.ExecutorService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.ui.LoggerUIService;

/**
 * Writes the SQL Server creation scripts from the changelogs without a SQL Server (Liquibase
 * offline mode): the tables, and Liquibase's own DATABASECHANGELOG with the changesets marked
 * as run, so that the server finds the schema made by a DBA up to date and migrates from there.
 */
final class SqlServerDdl {

    static final Path FOLDER = Path.of("docs", "sql", "sqlserver");
    static final String REFRESH = "./mvnw -q test -Dtest=SqlServerDdlTest -Dsqlserver.ddl.write=true";

    private static final Pattern RUN_AT = Pattern.compile("(?m)^-- (Ran at|Against): .*\\R");
    // DEPLOYMENT_ID is derived from the clock; a fixed one keeps the scripts reproducible.
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("(?m)^(INSERT INTO DATABASECHANGELOG .*, )'\\d{10}'\\)(;?)$");

    private SqlServerDdl() {
    }

    /**
     * Liquibase lists a table's foreign keys in hash order, which changes from run to run: put
     * them in name order (the statement means the same) so that the scripts are reproducible.
     */
    static String sortForeignKeys(String line) {
        if (!line.startsWith("CREATE TABLE ") || !line.contains("FOREIGN KEY")) {
            return line;
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        List<String> clauses = new ArrayList<>();
        int depth = 0;
        int from = open + 1;
        for (int i = open + 1; i < close; i++) {
            char ch = line.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                clauses.add(line.substring(from, i).trim());
                from = i + 1;
            }
        }
        clauses.add(line.substring(from, close).trim());
        List<Integer> slots = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            if (clauses.get(i).matches("CONSTRAINT \\S+ FOREIGN KEY .*")) {
                slots.add(i);
                foreignKeys.add(clauses.get(i));
            }
        }
        Collections.sort(foreignKeys);
        for (int i = 0; i < slots.size(); i++) {
            clauses.set(slots.get(i), foreignKeys.get(i));
        }
        return line.substring(0, open + 1) + String.join(", ", clauses) + line.substring(close);
    }

    /** The committed script for a changelog, e.g. main.sql for db/main-changelog.yaml. */
    static Path scriptFor(String changelog) {
        String base = Path.of(changelog).getFileName().toString().replace("-changelog.yaml", "");
        return FOLDER.resolve(base + ".sql");
    }

    static String generate(String changelog, String databaseRole) {
        String sql = offlineSql("mssql", changelog);
        return "-- Ream Central: SQL Server schema of the " + databaseRole + " database, from " + changelog + ".\n"
                + "-- Run it in the empty " + databaseRole + " database (README.md in this folder). Generated: do not edit;\n"
                + "-- after a change to the changelog refresh it with " + REFRESH + "\n\n"
                + sql;
    }

    /** What Liquibase would run on an empty database of that kind, with DATABASECHANGELOG filled in; reproducible. */
    static String offlineSql(String dbms, String changelog) {
        UnicodeTypes.register();
        // Liquibase keeps per-database services and snapshots in singletons: start clean, as a new JVM would.
        ChangeLogHistoryServiceFactory.getInstance().resetAll();
        LockServiceFactory.getInstance().resetAll();
        Scope.getCurrentScope().getSingleton(ExecutorService.class).reset();
        SnapshotGeneratorFactory.reset();
        Path history = null;
        try {
            history = Files.createTempFile("ream-offline-history", ".csv");
            Files.delete(history); // offline mode records what it "ran" here: start from nothing every time
            ResourceAccessor resources = new ClassLoaderResourceAccessor(SqlServerDdl.class.getClassLoader());
            Database database = DatabaseFactory.getInstance().openDatabase(
                    "offline:" + dbms + "?outputLiquibaseSql=all&changeLogFile=" + history.toAbsolutePath(), null, null, null, resources);
            StringWriter out = new StringWriter();
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()),
                    () -> new Liquibase(changelog, resources, database).update(new Contexts(), new LabelExpression(), out));
            String sql = DEPLOYMENT_ID.matcher(RUN_AT.matcher(out.toString()).replaceAll("")).replaceAll("$1'0000000000')$2");
            return sql.lines().map(String::stripTrailing).map(SqlServerDdl::sortForeignKeys).collect(Collectors.joining("\n")).strip() + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Liquibase could not write the " + dbms + " script for " + changelog + ": " + e.getMessage(), e);
        } finally {
            if (history != null) {
                try {
                    Files.deleteIfExists(history);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }
}
