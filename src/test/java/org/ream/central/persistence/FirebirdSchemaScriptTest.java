package org.ream.central.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Firebird scripts that give a new embedded database its schema at the first start
 * (src/main/resources/db/firebird) are what Liquibase makes of the changelogs today.
 * {@code -Dfirebird.script.write=true} rewrites them instead of failing on a difference.
 */
class FirebirdSchemaScriptTest {

    static final String REFRESH = "./mvnw -q test -Dtest=FirebirdSchemaScriptTest -Dfirebird.script.write=true";

    @Test
    void theCommittedScriptsAreWhatTheChangelogsGenerate() throws IOException {
        boolean write = Boolean.getBoolean("firebird.script.write");
        for (Map.Entry<String, String> e : Map.of("db/main-changelog.yaml", "main", "db/log-changelog.yaml", "log").entrySet()) {
            String changelog = e.getKey();
            String expected = FirebirdSchemaScript.HASH_PREFIX + Migrations.hash(changelog) + "\n"
                    + "-- Ream Central: Firebird schema of a new embedded " + e.getValue() + " database, from " + changelog + ".\n"
                    + "-- Generated: do not edit; refresh it with " + REFRESH + "\n\n"
                    + SqlServerDdl.offlineSql("firebird", changelog);
            Path script = Path.of("src/main/resources").resolve(FirebirdSchemaScript.resourceFor(changelog));
            if (write) {
                Files.createDirectories(script.getParent());
                Files.writeString(script, expected, StandardCharsets.UTF_8);
                continue;
            }
            assertThat(script).as("%s is missing: create it with %s", script, REFRESH).exists();
            assertThat(Files.readString(script, StandardCharsets.UTF_8))
                    .as("%s is out of date with %s: refresh it with %s and commit it", script, changelog, REFRESH).isEqualTo(expected);
        }
    }
}
