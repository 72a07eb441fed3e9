package org.ream.central.replication.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ream.central.replication.payload.PayloadHeader;
import org.ream.central.replication.payload.PayloadWriter;
import org.ream.central.replication.payload.RecordType;
import org.ream.central.replication.payload.SiteKeys;

/** What a pushed message must be to be stored: signed with the site's key, a whole payload, its header agreeing with its properties. */
class PushedPayloadCheckTest {

    static final byte[] KEY = SiteKeys.deriveKey("communication-secret", "Prague");
    static final String BATCH = "2026-11-25T22:00:00Z-000017";

    static byte[] payload(String site, String batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PayloadWriter w = new PayloadWriter(out, new PayloadHeader(site, batch, "000017", Instant.parse("2026-11-25T22:00:01Z"),
                List.of("session", "printer")))) {
            w.write(RecordType.PRINTER, "p-12", Map.of("name", "Floor 2 colour"));
            w.write(RecordType.SESSION, "s-9913", Map.of("username", "tom", "printerId", "p-12", "start", "2026-11-25T08:00:00Z"));
        }
        return out.toByteArray();
    }

    static PushedPayloadCheck.Verdict check(String batch, String signature, byte[] body) {
        return PushedPayloadCheck.check("Prague", batch, signature, KEY, body);
    }

    @Test
    void aSignedWholePayloadOfTheSiteAndBatchIsAccepted() {
        byte[] body = payload("Prague", BATCH);
        PushedPayloadCheck.Verdict v = check(BATCH, SiteKeys.signBody(KEY, body), body);
        assertThat(v.accepted()).as(v.refusal()).isTrue();
        assertThat(v.summary().records()).isEqualTo(2);
        assertThat(v.summary().header().batch()).isEqualTo(BATCH);
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedBeforeTheBodyIsRead() {
        byte[] body = payload("Prague", BATCH);
        assertThat(check(BATCH, null, body).refusal()).isEqualTo("the message has no signature property");
        assertThat(check(BATCH, " ", body).refusal()).isEqualTo("the message has no signature property");
        byte[] otherKey = SiteKeys.deriveKey("another-secret", "Prague");
        assertThat(check(BATCH, SiteKeys.signBody(otherKey, body), body).refusal()).startsWith("the signature does not match the body");
        assertThat(check(BATCH, "not base64 !", body).refusal()).startsWith("the signature does not match the body");
        // Garbage signed with another key is refused for its signature, not parsed.
        byte[] garbage = "not a payload".getBytes();
        assertThat(check(BATCH, SiteKeys.signBody(otherKey, garbage), garbage).refusal()).startsWith("the signature does not match");
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        byte[] body = payload("Prague", BATCH);
        String signature = SiteKeys.signBody(KEY, body);
        byte[] changed = body.clone();
        changed[changed.length / 2] ^= 1;
        assertThat(check(BATCH, signature, changed).refusal()).startsWith("the signature does not match the body");
    }

    @Test
    void aSignedBodyThatIsNotAWholePayloadIsRefusedWithTheReadersReason() {
        byte[] notGzip = "hello".getBytes();
        assertThat(check(BATCH, SiteKeys.signBody(KEY, notGzip), notGzip).refusal()).startsWith("the body is not a readable payload: not a gzip stream");
        byte[] body = payload("Prague", BATCH);
        byte[] truncated = Arrays.copyOf(body, body.length - 20);
        assertThat(check(BATCH, SiteKeys.signBody(KEY, truncated), truncated).refusal()).startsWith("the body is not a readable payload");
        assertThat(check(BATCH, SiteKeys.signBody(KEY, new byte[0]), new byte[0]).refusal()).isEqualTo("the message has no body");
        assertThat(check(BATCH, "x", null).refusal()).isEqualTo("the message has no body");
    }

    @Test
    void aHeaderNamingAnotherSiteOrBatchThanThePropertiesIsRefused() {
        byte[] otherSite = payload("Brno", BATCH);
        assertThat(check(BATCH, SiteKeys.signBody(KEY, otherSite), otherSite).refusal())
                .isEqualTo("the payload's header names site 'Brno', the message site 'Prague'");
        byte[] body = payload("Prague", BATCH);
        assertThat(check("another-batch", SiteKeys.signBody(KEY, body), body).refusal())
                .isEqualTo("the payload's header names batch '" + BATCH + "', the message batch 'another-batch'");
        assertThat(check(null, SiteKeys.signBody(KEY, body), body).refusal()).isEqualTo("the message has no batch property");
    }

    @Test
    void aPushedPayloadIsStoredUnderASafeNamePerBatch() {
        assertThat(PushedPayloads.fileName(BATCH)).matches("push-2026-11-25T22_00_00Z-000017-[0-9a-f]{12}\\.ndjson\\.gz");
        assertThat(PushedPayloads.fileName("../../etc/passwd")).doesNotContain("/").startsWith("push-.._.._etc_passwd-");
        // Two batches that clean up to the same text keep apart.
        assertThat(PushedPayloads.fileName("a:b")).isNotEqualTo(PushedPayloads.fileName("a_b"));
        assertThat(PushedPayloads.fileName("x".repeat(100))).hasSize("push-".length() + 60 + 1 + 12 + ".ndjson.gz".length());
    }
}
