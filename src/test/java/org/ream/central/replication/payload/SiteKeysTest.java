package org.ream.central.replication.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Key derivation and signatures of docs/site-protocol.md, against values computed independently (Python hashlib/hmac). */
class SiteKeysTest {

    static final byte[] KEY = SiteKeys.deriveKey("correct horse", "Praha-Žižkov");

    @Test
    void derivesTheProtocolKeyWithTheSiteNameInTheSalt() {
        assertThat(HexFormat.of().formatHex(KEY)).isEqualTo("56ba0e0d9ed2fc364762e39e3576c123a39b344af06afd083a4a2f83dd198838");
        assertThat(SiteKeys.deriveKey("correct horse", "Praha")).isNotEqualTo(KEY);
    }

    @Test
    void theBrokerTokenIsTheKeysHmacOfBrokerAndOnlyItIsAccepted() {
        String token = SiteKeys.brokerToken(KEY);
        assertThat(token).isEqualTo("jr9IJmnuW3A7hWZMf-NOYCfwWuR8yMdrg228eDors70");
        assertThat(SiteKeys.verifyBrokerToken(KEY, token)).isTrue();
        assertThat(SiteKeys.verifyBrokerToken(SiteKeys.deriveKey("correct horse", "Praha"), token)).isFalse();
        assertThat(SiteKeys.verifyBrokerToken(KEY, token.substring(1))).isFalse();
        assertThat(SiteKeys.verifyBrokerToken(KEY, "not base64 !")).isFalse();
        assertThat(SiteKeys.verifyBrokerToken(KEY, null)).isFalse();
    }

    @Test
    void signsTheCanonicalStringOfARequest() {
        String canonical = SiteKeys.canonical("get", "/site-api/v1/users?since=42&limit=1000", 1764108000000L, "AAAAAAAAAAAAAAAAAAAAAA", null);
        assertThat(canonical).startsWith("GET\n/site-api/v1/users?since=42&limit=1000\n1764108000000\nAAAAAAAAAAAAAAAAAAAAAA\n")
                .endsWith("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        String signature = SiteKeys.sign(KEY, canonical);
        assertThat(signature).isEqualTo("cxKWQscHK-87fXWzFrZ0Ez1UqLTapeuiv_Jgd9tGBSg");
        assertThat(SiteKeys.verify(KEY, canonical, signature)).isTrue();
    }

    @Test
    void refusesAnotherKeyATamperedRequestOrAMalformedSignature() {
        String canonical = SiteKeys.canonical("POST", "/site-api/v1/register", 1L, "n", "{}".getBytes(StandardCharsets.UTF_8));
        String signature = SiteKeys.sign(KEY, canonical);
        assertThat(SiteKeys.verify(SiteKeys.deriveKey("wrong", "Praha-Žižkov"), canonical, signature)).isFalse();
        assertThat(SiteKeys.verify(KEY, canonical.replace("register", "authorise"), signature)).isFalse();
        assertThat(SiteKeys.verify(KEY, canonical, signature + "A")).isFalse();
        assertThat(SiteKeys.verify(KEY, canonical, "not base64 !")).isFalse();
        assertThat(SiteKeys.verify(KEY, canonical, null)).isFalse();
    }

    @Test
    void signsPayloadBodiesInMemoryOrStreamed() throws Exception {
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        String signature = SiteKeys.signBody(KEY, body);
        assertThat(SiteKeys.signBody(KEY, new ByteArrayInputStream(body))).isEqualTo(signature);
        assertThat(SiteKeys.verifyBody(KEY, new ByteArrayInputStream(body), signature)).isTrue();
        body[100] ^= 1;
        assertThat(SiteKeys.verifyBody(KEY, body, signature)).isFalse();
    }

    @Test
    void noncesAreSixteenRandomBytes() {
        String nonce = SiteKeys.newNonce();
        assertThat(nonce).hasSize(22).doesNotContain("=", "+", "/");
        assertThat(SiteKeys.newNonce()).isNotEqualTo(nonce);
        assertThat(SiteKeys.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(SiteKeys.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(SiteKeys.constantTimeEquals(null, new byte[0])).isFalse();
    }

    /** A site signs the payloads it serves in their trailer; the signature binds site, batch and every record. */
    @Test
    void aPayloadsTrailerSignatureBindsSiteBatchAndRecords() throws Exception {
        byte[] key = SiteKeys.deriveKey("secret", "Brno");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (PayloadWriter w = new PayloadWriter(bytes, new PayloadHeader("Brno", "b-1", "c-1", java.time.Instant.parse("2026-11-25T22:00:00Z"),
                java.util.List.of("session"))).signedWith(key)) {
            w.write(RecordType.PRINTER, "p-1", java.util.Map.of("name", "Floor 2"));
        }
        try (PayloadReader r = PayloadReader.open(new ByteArrayInputStream(bytes.toByteArray()))) {
            while (r.next() != null) {
                // to the trailer
            }
            assertThat(r.trailerSignature()).isNotNull();
            assertThat(SiteKeys.verifyPayload(key, "Brno", "b-1", r.recordsSha256(), r.trailerSignature())).isTrue();
            assertThat(SiteKeys.verifyPayload(key, "Praha", "b-1", r.recordsSha256(), r.trailerSignature())).isFalse();
            assertThat(SiteKeys.verifyPayload(key, "Brno", "b-2", r.recordsSha256(), r.trailerSignature())).isFalse();
            assertThat(SiteKeys.verifyPayload(key, "Brno", "b-1", "00" + r.recordsSha256().substring(2), r.trailerSignature())).isFalse();
            assertThat(SiteKeys.verifyPayload(SiteKeys.deriveKey("other", "Brno"), "Brno", "b-1", r.recordsSha256(), r.trailerSignature())).isFalse();
        }
    }
}
