package org.ream.central.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password and PIN hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), the OWASP minimum parameters.
 * Parameters travel with each hash, so they can be raised later without breaking old ones.
 */
public final class PasswordHasher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MEMORY_KB = 19456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_LEN = 32;

    /*
     * The reference C implementation when its library loads (argon2-jvm bundles it for Linux,
     * Windows and macOS), else BouncyCastle's Java one: both compute the same bytes, so hashes
     * made by either verify with the other. The native one is about twice as fast and, working
     * outside the Java heap, its time does not depend on the heap size or a collection mid-hash.
     */
    private static final Argon2Advanced NATIVE = loadNative();

    private PasswordHasher() {
    }

    private static Argon2Advanced loadNative() {
        if (Boolean.getBoolean("ream-argon2.java")) {
            return null;
        }
        try {
            Argon2Advanced a = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
            byte[] probe = a.rawHashAdvanced(1, 8, 1, new byte[] {1}, new byte[16], null, null, 32, Argon2Version.V13);
            return probe.length == 32 ? a : null;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no library for this platform
            return null;
        }
    }

    /** Which implementation computes the hashes: "native" or "java". */
    public static String implementation() {
        return NATIVE != null ? "native" : "java";
    }

    /*
     * PINs: lighter, still a salted memory-hard KDF. A PIN has 4 to 7 digits, so its strength is
     * the HMAC lookup key kept outside the database, not the cost factor; the lighter cost lets
     * a regeneration of all PINs (100,000 users) finish in minutes and a PIN login stay fast.
     */
    private static final int PIN_MEMORY_KB = 4096;
    private static final int PIN_ITERATIONS = 3;

    public static String hash(String secret) {
        return hash(secret, MEMORY_KB, ITERATIONS);
    }

    public static String hashPin(String pin) {
        return hash(pin, PIN_MEMORY_KB, PIN_ITERATIONS);
    }

    private static String hash(String secret, int memoryKb, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = argon2(secret, salt, memoryKb, iterations, PARALLELISM, HASH_LEN);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKb + ",t=" + iterations + ",p=" + PARALLELISM + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    public static boolean verify(String secret, String phc) {
        if (secret == null || phc == null || !phc.startsWith("$argon2id$")) {
            return false;
        }
        String[] parts = phc.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            String[] pair = kv.split("=");
            int v = Integer.parseInt(pair[1]);
            switch (pair[0]) {
                case "m" -> m = v;
                case "t" -> t = v;
                case "p" -> p = v;
                default -> {
                    return false;
                }
            }
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] salt = b64.decode(parts[4]);
        byte[] expected = b64.decode(parts[5]);
        byte[] actual = argon2(secret, salt, m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(String secret, byte[] salt, int memoryKb, int iterations, int parallelism, int len) {
        if (NATIVE != null && !secret.isEmpty()) { // argon2-jvm cannot pass an empty buffer
            return NATIVE.rawHashAdvanced(iterations, memoryKb, parallelism, secret.getBytes(StandardCharsets.UTF_8), salt, null, null, len, Argon2Version.V13);
        }
        return javaArgon2(secret, salt, memoryKb, iterations, parallelism, len);
    }

    static byte[] javaArgon2(String secret, byte[] salt, int memoryKb, int iterations, int parallelism, int len) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKb)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[len];
        gen.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
