package org.ream.central.sitesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteSimulatorTest {

    @Test
    void optionsBecomeSites() {
        SimulatorOptions o = SimulatorOptions.parse("--sites", "500", "--printers=60", "--users", "250", "--days", "1",
                "--seed", "7", "--ports", "20000-20499", "--misbehave", "truncated", "--misbehave-sites", "5", "--misbehave-once");
        assertThat(o.site(499).name()).isEqualTo("Site-500");
        assertThat(o.site(499).printers()).isEqualTo(60);
        assertThat(o.misbehaviourOf(4)).isEqualTo(Misbehaviour.TRUNCATED);
        assertThat(o.misbehaviourOf(5)).isEqualTo(Misbehaviour.NONE);
        assertThat(o.misbehaveOnce()).isTrue();
        assertThat(o.types()).containsExactlyElementsOf(RecordTypes.ALL);
        assertThatThrownBy(() -> SimulatorOptions.parse("--sites", "3", "--ports", "20000-20001"))
                .hasMessageContaining("fewer ports");
        assertThatThrownBy(() -> SimulatorOptions.parse("--bogus", "1")).hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> SimulatorOptions.parse("--misbehave", "late")).hasMessageContaining("unknown misbehaviour");
    }

    @Test
    void filesModeWritesOneCheckedPayloadPerSiteAndDay(@TempDir Path dir) throws Exception {
        SiteSimulator.main(new String[] {"--mode", "files", "--sites", "2", "--days", "2", "--printers", "3", "--users", "10",
                "--types", "job", "--out", dir.toString()});
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("Site-001-000001.ndjson.gz",
                    "Site-001-000002.ndjson.gz", "Site-002-000001.ndjson.gz", "Site-002-000002.ndjson.gz");
        }
        PayloadCheck.Payload p = PayloadCheck.read(Files.readAllBytes(dir.resolve("Site-002-000001.ndjson.gz")));
        assertThat(p.header().path("site").asText()).isEqualTo("Site-002");
        assertThat(p.records()).map(r -> r.path("type").asText()).contains("printer", "job", "session")
                .doesNotContain("printerEvent");
    }
}
