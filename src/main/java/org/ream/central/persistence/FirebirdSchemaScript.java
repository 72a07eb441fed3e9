package org.ream.central.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The schema of a new embedded database as one SQL script, generated from the changelogs by
 * Liquibase's offline mode (FirebirdSchemaScriptTest keeps it in step) and including the
 * DATABASECHANGELOG rows, so the database ends up exactly as a Liquibase run would leave it.
 * Running it takes a fraction of Liquibase's own start-up: it makes the first start fast.
 * It is used only when its recorded changelog hash matches the packaged changelog.
 */
final class FirebirdSchemaScript {

    static final String HASH_PREFIX = "-- changelog-sha256: ";

    private FirebirdSchemaScript() {
    }

    static String resourceFor(String changelog) {
        String base = changelog.substring(changelog.lastIndexOf('/') + 1).replace("-changelog.yaml", "");
        return "db/firebird/" + base + ".sql";
    }

    /** The statements of the script for this changelog, if the script is present and current. */
    static Optional<List<String>> statements(String changelog, String changelogHash) {
        try (InputStream in = FirebirdSchemaScript.class.getClassLoader().getResourceAsStream(resourceFor(changelog))) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.startsWith(HASH_PREFIX + changelogHash + "\n")) {
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.startsWith("--") || line.isBlank()) {
                    continue;
                }
                current.append(line).append('\n');
                if (line.endsWith(";")) {
                    String stmt = current.toString().strip();
                    out.add(stmt.substring(0, stmt.length() - 1));
                    current.setLength(0);
                }
            }
            if (!current.toString().isBlank()) {
                out.add(current.toString().strip());
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void run(Connection c, List<String> statements) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
