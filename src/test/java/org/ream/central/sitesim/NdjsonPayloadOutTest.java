package org.ream.central.sitesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class NdjsonPayloadOutTest {

    private static final BatchHeader HEADER = new BatchHeader("Prague", "2026-11-25T22:00:00Z-000017", "000017",
            Instant.parse("2026-11-25T22:00:01Z"), List.of("session", "printer"));

    @Test
    void headerRecordsAndTrailerAsTheProtocolSays() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NdjsonPayloadOut out = new NdjsonPayloadOut(bytes);
        out.begin(HEADER);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Floor 2 colour");
        fields.put("groupIds", List.of("g-1"));
        out.record(new SimRecord("printer", "p-12", fields));
        out.record(new SimRecord("session", "s-9913", Map.of("priceUser", 1.25)));
        out.finish();

        String text = new String(new GZIPInputStream(new ByteArrayInputStream(bytes.toByteArray())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text.split("\n")).hasSize(4);
        assertThat(text).startsWith("{\"format\":\"ream-payload\",\"version\":1,\"site\":\"Prague\","
                + "\"batch\":\"2026-11-25T22:00:00Z-000017\",\"cursor\":\"000017\",\"created\":\"2026-11-25T22:00:01Z\","
                + "\"types\":[\"session\",\"printer\"]}\n{\"type\":\"printer\",\"id\":\"p-12\",\"name\":\"Floor 2 colour\",\"groupIds\":[\"g-1\"]}\n");
        assertThat(text).contains("{\"type\":\"end\",\"records\":2,\"sha256\":\"");
        PayloadCheck.Payload payload = PayloadCheck.read(bytes.toByteArray());
        assertThat(payload.records()).hasSize(2);
        assertThat(out.records()).isEqualTo(2);
    }

    @Test
    void anAbortedPayloadHasNoTrailerNorGzipEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NdjsonPayloadOut out = new NdjsonPayloadOut(bytes);
        out.begin(HEADER);
        out.record(new SimRecord("printer", "p-1", Map.of("name", "A")));
        out.abort();
        assertThatThrownBy(() -> PayloadCheck.read(bytes.toByteArray())).hasMessageContaining("end of ZLIB input");
    }
}
