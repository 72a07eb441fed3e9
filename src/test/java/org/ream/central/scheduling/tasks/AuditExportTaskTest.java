package org.ream.central.scheduling.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ream.central.audit.AuditLog;
import org.ream.central.scheduling.TaskContext;
import org.ream.central.scheduling.TaskResult;
import org.ream.central.security.Actor;

@QuarkusTest
class AuditExportTaskTest {

    @Inject
    AuditExportTask task;

    @Inject
    AuditLog audit;

    @Inject
    DataDir dataDir;

    @Test
    void theScheduledExportWritesTheAuditLogAsTheAuditPageDoesWithFormulasNeutralised() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        audit.record(Actor.SYSTEM, "Settings", "SETTINGS_CHANGED", "=HYPERLINK(\"http://example.invalid\")", "general", "a;b");

        TaskResult r = task.run(new TaskContext(1, "Audit Log Export", 4242, Instant.now().plusSeconds(1), Optional.of(before), "*system", Map.of(),
                ZoneId.of("Europe/Prague")));

        assertThat(r.status()).isEqualTo(TaskResult.Status.OK);
        assertThat(r.message()).matches("Exported [1-9]\\d* audit log entr.*");
        String name = r.message().substring(r.message().indexOf("exports/") + "exports/".length());
        Path file = dataDir.resolve("exports").resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xFF).as("UTF-8 byte order mark for spreadsheets").isEqualTo(0xEF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("Time (Europe/Prague)").contains("'=HYPERLINK").contains("SETTINGS_CHANGED");
        assertThat(dataDir.resolve("exports")).isDirectoryNotContaining("glob:**.part");
    }
}
