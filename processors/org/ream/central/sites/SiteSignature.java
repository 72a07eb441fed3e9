package org.ream.central.sites;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ream.central.replication.payload.SiteKeys;

/**
 * Request signing of the site protocol (docs/site-protocol.md, "Identity and signing"), both
 * for checking what a site sends and for signing what the central server sends to a site.
 * Keys are derived once per site and password (PBKDF2 costs tens of milliseconds); nonces
 * are remembered for the replay window. One instance holds both caches: keep it for the life
 * of the server.
 */
public final class SiteSignature {

    public static final String SITE_HEADER = "X-Ream-Site";
    public static final String TIMESTAMP_HEADER = "X-Ream-Timestamp";
    public static final String NONCE_HEADER = "X-Ream-Nonce";
    public static final String SIGNATURE_HEADER = "X-Ream-Signature";

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration NONCE_MEMORY = Duration.ofMinutes(10);
    static final int ITERATIONS = 100_000;
    static final String SALT_PREFIX = "ream-site-v1:";
    private static final int MAX_CACHED_KEYS = 10_000;

    private final Clock clock;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();
    private volatile long nextPurge;

    public SiteSignature(Clock clock) {
        this.clock = clock;
    }

    /** PBKDF2-HMAC-SHA256 of the communication password, salted with the site name. */
    public static byte[] deriveKey(String password, String siteName) {
        return SiteKeys.deriveKey(password, siteName);
    }

    /** The derived key, from the cache when this site and password were seen before. */
    public byte[] key(String siteName, String password) {
        String cacheKey = siteName + '\n' + sha256Hex(password.getBytes(StandardCharsets.UTF_8));
        byte[] k = keys.get(cacheKey);
        if (k == null) {
            if (keys.size() >= MAX_CACHED_KEYS) {
                keys.clear();
            }
            k = deriveKey(password, siteName);
            keys.put(cacheKey, k);
        }
        return k;
    }

    public static String canonical(String method, String pathAndQuery, String timestamp, String nonce, byte[] body) {
        return SiteKeys.canonical(method, pathAndQuery, Long.parseLong(timestamp), nonce, body);
    }

    /** Base64url (no padding) of HMAC-SHA256(key, canonical). */
    public static String sign(byte[] key, String canonical) {
        return SiteKeys.sign(key, canonical);
    }

    public static String newNonce() {
        return SiteKeys.newNonce();
    }

    /** The four headers of a request signed now with a fresh nonce; the site name is percent-encoded. */
    public Map<String, String> headers(String siteName, String password, String method, String pathAndQuery, byte[] body) {
        String timestamp = Long.toString(clock.millis());
        String nonce = newNonce();
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SITE_HEADER, java.net.URLEncoder.encode(siteName, StandardCharsets.UTF_8).replace("+", "%20"));
        h.put(TIMESTAMP_HEADER, timestamp);
        h.put(NONCE_HEADER, nonce);
        h.put(SIGNATURE_HEADER, sign(key(siteName, password), canonical(method, pathAndQuery, timestamp, nonce, body)));
        return h;
    }

    /** The site name of an X-Ream-Site header, or null when it is missing or not valid percent-encoding. */
    public static String siteName(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        try {
            return java.net.URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Why a request must be refused, or empty when it is genuine and new. Its nonce is
     * remembered only when everything else is right, so a forged request cannot use up a
     * genuine one's nonce.
     */
    public Optional<String> refusal(String siteName, String password, String method, String pathAndQuery, String timestamp, String nonce,
            String signature, byte[] body) {
        if (timestamp == null || nonce == null || signature == null) {
            return Optional.of("missing signing headers");
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Optional.of("timestamp is not a number of milliseconds");
        }
        long now = clock.millis();
        if (Math.abs(now - sent) > MAX_CLOCK_SKEW.toMillis()) {
            return Optional.of("timestamp is " + Duration.ofMillis(Math.abs(now - sent)).toSeconds() + " s away from this server's clock (at most "
                    + MAX_CLOCK_SKEW.toMinutes() + " min)");
        }
        if (!nonce.matches("[A-Za-z0-9_-]{16,64}")) {
            return Optional.of("nonce is not base64url of random bytes");
        }
        byte[] expected = sign(key(siteName, password), canonical(method, pathAndQuery, timestamp, nonce, body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("signature does not match (wrong communication password?)");
        }
        purgeNonces(now);
        if (seenNonces.putIfAbsent(siteName + '\n' + nonce, now + NONCE_MEMORY.toMillis()) != null) {
            return Optional.of("nonce was already used (replay)");
        }
        return Optional.empty();
    }

    private void purgeNonces(long now) {
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + 30_000;
        seenNonces.values().removeIf(expiry -> expiry < now);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
