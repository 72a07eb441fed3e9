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
}
