package org.ream.central.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialect contract on the embedded Firebird 3 engine, plus what the start-up reads from its files. */
class DialectOnFirebirdTest extends DialectContract {

    @TempDir
    static Path dir;

    static DatabaseTarget target;

    @BeforeAll
    static void createAndMigrate() throws Exception {
        target = TestDatabases.createFirebird(dir.resolve("ream.fdb"));
        migrate(target);
    }

    @AfterAll
    static void release() {
        target = null;
    }

    @Override
    DatabaseTarget target() {
        return target;
    }

    @Override
    DatabaseTarget foreignTarget() throws Exception {
        DatabaseTarget foreign = TestDatabases.createFirebird(dir.resolve("foreign.fdb"));
        TestDatabases.execute(TestDatabases.dataSource(foreign), "CREATE TABLE CUSTOMERS (ID INTEGER NOT NULL PRIMARY KEY, NAME VARCHAR(80))");
        return foreign;
    }

    @Test
    void theHeaderIdentityIsReadWithoutTheEngineAndSurvivesUse() throws Exception {
        Path file = target.embeddedFile().orElseThrow();
        FirebirdFile.Header before = FirebirdFile.readHeader(file).orElseThrow();
        assertThat(before.firebird3()).isTrue();
        assertThat(before.pageSize()).isEqualTo(16384);
        count("SELECT COUNT(*) FROM USERS"); // an attach writes the header's counters...
        assertThat(FirebirdFile.readHeader(file).orElseThrow().identity()).isEqualTo(before.identity()); // ...not its identity

        Path other = TestDatabases.createFirebird(dir.resolve("other.fdb")).embeddedFile().orElseThrow();
        assertThat(FirebirdFile.readHeader(other).orElseThrow().identity()).isNotEqualTo(before.identity());
    }

    @Test
    void garbageShortAndEmptyFilesHaveNoHeader() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(42).nextBytes(garbage);
        Path g = Files.write(dir.resolve("garbage.fdb"), garbage);
        Path text = Files.writeString(dir.resolve("text.fdb"), "This is not a database.\n".repeat(100));
        Path empty = Files.createFile(dir.resolve("empty.fdb"));
        byte[] truncated = Files.readAllBytes(target.embeddedFile().orElseThrow());
        Path cut = Files.write(dir.resolve("cut.fdb"), java.util.Arrays.copyOf(truncated, 4096));
        for (Path p : new Path[] {g, text, empty, cut}) {
            assertThat(FirebirdFile.readHeader(p)).as(p.getFileName().toString()).isEqualTo(Optional.empty());
        }
    }
}
