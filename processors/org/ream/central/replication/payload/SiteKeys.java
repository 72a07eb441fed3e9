package org.ream.central.replication.payload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys and signatures of the site protocol (docs/site-protocol.md, "Identity and signing"): a
 * per-site key derived from the communication password, HMAC-SHA256 of request canonical
 * strings and of payload bodies, compared in constant time. Deriving costs 100,000 PBKDF2
 * rounds (tens of milliseconds): callers keep the key per site rather than derive it per request.
 */
public final class SiteKeys {

    public static final int ITERATIONS = 100_000;
    public static final int KEY_BYTES = 32;
    public static final String SALT_PREFIX = "ream-site-v1:";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] BROKER_TOKEN_INPUT = "broker".getBytes(StandardCharsets.UTF_8);

    private SiteKeys() {
    }

    /** PBKDF2-HMAC-SHA256(password, "ream-site-v1:" + siteName, 100000, 32 bytes). */
    public static byte[] deriveKey(char[] password, String siteName) {
        byte[] salt = (SALT_PREFIX + siteName).getBytes(StandardCharsets.UTF_8);
        PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, KEY_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }

    public static byte[] deriveKey(String password, String siteName) {
        return deriveKey(password.toCharArray(), siteName);
    }

    /** METHOD \n pathAndQuery \n timestamp \n nonce \n hex(SHA-256(body)); a null body hashes as empty. */
    public static String canonical(String method, String pathAndQuery, long timestampMillis, String nonce, byte[] body) {
        MessageDigest sha = PayloadReader.sha256();
        String bodyHash = HexFormat.of().formatHex(sha.digest(body == null ? new byte[0] : body));
        return method.toUpperCase(java.util.Locale.ROOT) + "\n" + pathAndQuery + "\n" + timestampMillis + "\n" + nonce + "\n" + bodyHash;
    }

    /** The {@code X-Ream-Signature} value of a canonical string: base64url, no padding. */
    public static String sign(byte[] key, String canonical) {
        return B64.encodeToString(mac(key).doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean verify(byte[] key, String canonical, String signature) {
        return matches(mac(key).doFinal(canonical.getBytes(StandardCharsets.UTF_8)), signature);
    }

    /** The {@code signature} property of a pushed payload: HMAC-SHA256 of its bytes, base64url. */
    public static String signBody(byte[] key, byte[] body) {
        return B64.encodeToString(mac(key).doFinal(body));
    }

    /** As {@link #signBody(byte[], byte[])}, reading a stored payload without holding it in memory. */
    public static String signBody(byte[] key, InputStream body) throws IOException {
        return B64.encodeToString(macOf(key, body));
    }

    /**
     * The trailer's {@code signature}: the site vouches for the payload it serves (what a download
     * receives is otherwise only as trustworthy as the network). Streams need no buffering: the
     * records' SHA-256 is known when the trailer is written.
     */
    public static String payloadSignature(byte[] key, String site, String batch, String recordsSha256Hex) {
        return sign(key, payloadCanonical(site, batch, recordsSha256Hex));
    }

    public static boolean verifyPayload(byte[] key, String site, String batch, String recordsSha256Hex, String signature) {
        return signature != null && verify(key, payloadCanonical(site, batch, recordsSha256Hex), signature);
    }

    private static String payloadCanonical(String site, String batch, String recordsSha256Hex) {
        return "ream-payload-v1\n" + site + "\n" + batch + "\n" + recordsSha256Hex.toLowerCase(java.util.Locale.ROOT);
    }

    public static boolean verifyBody(byte[] key, byte[] body, String signature) {
        return matches(mac(key).doFinal(body), signature);
    }

    public static boolean verifyBody(byte[] key, InputStream body, String signature) throws IOException {
        return matches(macOf(key, body), signature);
    }

    /**
     * The password a site gives the central server's broker (user = its site name) to push
     * payloads: HMAC-SHA256(key, "broker"), base64url without padding. Derived rather than
     * configured, so a site needs nothing but its communication password; a token seen on the
     * wire lets its holder send to the queue, not sign a payload.
     */
    public static String brokerToken(byte[] key) {
        return B64.encodeToString(mac(key).doFinal(BROKER_TOKEN_INPUT));
    }

    public static boolean verifyBrokerToken(byte[] key, String token) {
        return matches(mac(key).doFinal(BROKER_TOKEN_INPUT), token);
    }

    /** 16 random bytes, base64url without padding: an {@code X-Ream-Nonce}. */
    public static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** Constant-time comparison (time depends on the lengths only). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    private static boolean matches(byte[] expected, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] given;
        try {
            given = B64D.decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return constantTimeEquals(expected, given);
    }

    private static byte[] macOf(byte[] key, InputStream body) throws IOException {
        Mac mac = mac(key);
        byte[] buf = new byte[65536];
        int n;
        while ((n = body.read(buf)) > 0) {
            mac.update(buf, 0, n);
        }
        return mac.doFinal();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
