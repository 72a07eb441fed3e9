package org.ream.central.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteSignatureTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T22:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final SiteSignature signature = new SiteSignature(clock);
    final byte[] body = "{\"kind\":\"USER\"}".getBytes(StandardCharsets.UTF_8);

    Optional<String> check(Map<String, String> h, String password, String path, byte[] sentBody) {
        return signature.refusal(SiteSignature.siteName(h.get(SiteSignature.SITE_HEADER)), password, "POST", path, h.get(SiteSignature.TIMESTAMP_HEADER),
                h.get(SiteSignature.NONCE_HEADER), h.get(SiteSignature.SIGNATURE_HEADER), sentBody);
    }

    @Test
    void keyIsPbkdf2OfThePasswordSaltedWithTheSiteName() {
        // Reference value computed independently (Python hashlib.pbkdf2_hmac('sha256', b'secret', b'ream-site-v1:Prague', 100000, 32)).
        assertThat(HexFormat.of().formatHex(SiteSignature.deriveKey("secret", "Prague")))
                .isEqualTo("9c4c2054236835139b7c152b9519941488e3e69abb528da2c93c69fc7783ae3b");
        assertThat(SiteSignature.deriveKey("secret", "Brno")).isNotEqualTo(SiteSignature.deriveKey("secret", "Prague"));
        assertThat(signature.key("Prague", "secret")).isSameAs(signature.key("Prague", "secret"));
        assertThat(signature.key("Prague", "other")).isNotEqualTo(signature.key("Prague", "secret"));
    }

    @Test
    void canonicalStringFollowsTheProtocol() {
        assertThat(SiteSignature.canonical("GET", "/site-api/v1/users?since=42&limit=1000", "1700000000000", "n", new byte[0]))
                .isEqualTo("GET\n/site-api/v1/users?since=42&limit=1000\n1700000000000\nn\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        String sig = SiteSignature.sign(new byte[32], "x");
        assertThat(sig).doesNotContain("=", "+", "/").hasSize(43);
    }

    @Test
    void aGenuineRequestIsAcceptedOnceAndItsReplayRefused() {
        Map<String, String> h = signature.headers("Prague Main", "secret", "POST", "/site-api/v1/authorise", body);
        assertThat(h.get(SiteSignature.SITE_HEADER)).isEqualTo("Prague%20Main");
        assertThat(check(h, "secret", "/site-api/v1/authorise", body)).isEmpty();
        assertThat(check(h, "secret", "/site-api/v1/authorise", body)).hasValueSatisfying(r -> assertThat(r).contains("replay"));
    }

    @Test
    void wrongPasswordPathOrBodyIsRefusedAndDoesNotUseUpTheNonce() {
        Map<String, String> h = signature.headers("Prague", "secret", "POST", "/site-api/v1/authorise", body);
        assertThat(check(h, "wrong", "/site-api/v1/authorise", body)).hasValueSatisfying(r -> assertThat(r).contains("signature"));
        assertThat(check(h, "secret", "/site-api/v1/register", body)).hasValueSatisfying(r -> assertThat(r).contains("signature"));
        assertThat(check(h, "secret", "/site-api/v1/authorise", "{}".getBytes(StandardCharsets.UTF_8))).isPresent();
        assertThat(check(h, "secret", "/site-api/v1/authorise", body)).isEmpty();
    }

    @Test
    void timestampsOutsideFiveMinutesAreRefused() {
        Map<String, String> h = signature.headers("Prague", "secret", "POST", "/site-api/v1/authorise", body);
        clock.now = clock.now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        assertThat(check(h, "secret", "/site-api/v1/authorise", body)).hasValueSatisfying(r -> assertThat(r).contains("timestamp"));
        clock.now = clock.now.minus(Duration.ofMinutes(11));
        assertThat(check(h, "secret", "/site-api/v1/authorise", body)).hasValueSatisfying(r -> assertThat(r).contains("timestamp"));
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(check(h, "secret", "/site-api/v1/authorise", body)).isEmpty();
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        assertThat(signature.refusal("Prague", "secret", "GET", "/x", null, "n", "s", null)).isPresent();
        assertThat(signature.refusal("Prague", "secret", "GET", "/x", "soon", "AAAAAAAAAAAAAAAAAAAAAA", "s", null)).isPresent();
        assertThat(signature.refusal("Prague", "secret", "GET", "/x", Long.toString(clock.millis()), "short", "s", null))
                .hasValueSatisfying(r -> assertThat(r).contains("nonce"));
        assertThat(SiteSignature.siteName("%zz")).isNull();
        assertThat(SiteSignature.siteName("Brno+1")).isEqualTo("Brno+1");
    }
}
