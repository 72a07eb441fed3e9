package org.ream.central.pins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ream.central.platform.ReamConfig;

/**
 * The keyed HMAC that indexes PINs (USER_PINS.LOOKUP_KEY): a PIN login finds its row through
 * an index instead of hashing every PIN. The key lives in the data folder (config/pin-lookup.key),
 * never in the database, so a stolen database alone does not allow testing PINs at HMAC speed.
 * Losing the key makes PIN login impossible until PINs are regenerated: back it up with the data folder.
 */
@ApplicationScoped
public class PinLookupKey {

    static final String FILE = "config/pin-lookup.key";

    @Inject
    ReamConfig config;

    private volatile SecretKeySpec key;

    /** Lookup key of a PIN as typed. */
    public String of(String pin) {
        return hmac("pin:" + pin);
    }

    /** Lookup key of a PIN imported in the manual's MD5 form, computable from the MD5 alone. */
    public String ofMd5(String md5Hex) {
        return hmac("md5:" + md5Hex.toLowerCase(Locale.ROOT));
    }

    public static String md5Hex(String pin) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pin.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreate(Path.of(config.dataDir()).resolve(FILE)), "HmacSHA256");
                }
                k = key;
            }
        }
        return k;
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                Files.createDirectories(file.getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".new");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, HexFormat.of().formatHex(raw), StandardCharsets.UTF_8);
                try {
                    // Never overwrite a key that appeared meanwhile: every stored PIN depends on it.
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException raced) {
                    // another thread or process won; use its key
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            byte[] raw = HexFormat.of().parseHex(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (raw.length < 32) {
                throw new IllegalStateException("The PIN lookup key " + file + " is damaged (shorter than 32 bytes)");
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("The PIN lookup key " + file + " cannot be read or created: " + e.getMessage(), e);
        }
    }
}
