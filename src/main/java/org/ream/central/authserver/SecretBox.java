package org.ream.central.authserver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ream.central.scheduling.tasks.DataDir;

/**
 * Encrypts server secrets (bind passwords, shared secrets, client secrets, private keys) with
 * AES-256-GCM under a key kept in the data folder's config, so that a database dump or a
 * backup of the database alone does not reveal them.
 */
@ApplicationScoped
public class SecretBox {

    static final String PREFIX = "enc:v1:";
    static final String KEY_FILE = "auth-servers.key";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataDir dataDir;

    private volatile byte[] key;
    private Path fixedKeyFile;

    /** A box on a given key file, outside CDI (tests). */
    static SecretBox onKeyFile(Path keyFile) {
        SecretBox box = new SecretBox();
        box.fixedKeyFile = keyFile;
        return box;
    }

    public String seal(String plain) {
        if (plain == null || plain.isEmpty()) {
            return plain;
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a server secret", e);
        }
    }

    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return sealed;
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored server secret cannot be decrypted: the key file " + keyFile()
                    + " is not the one it was saved with. Enter the secret again.", e);
        }
    }

    Path keyFile() {
        return fixedKeyFile != null ? fixedKeyFile : dataDir.resolve("config").resolve(KEY_FILE);
    }

    private byte[] key() {
        byte[] k = key;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (key == null) {
                key = loadOrCreate(keyFile());
            }
            return key;
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                try {
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system (Windows): the data folder's ACL applies
                    }
                } catch (FileAlreadyExistsException e) {
                    // another thread or process made it first: use theirs
                }
            }
            byte[] k = Base64.getDecoder().decode(Files.readString(file).strip());
            if (k.length != 32) {
                throw new IllegalStateException("Key file " + file + " does not hold a 256-bit key");
            }
            return k;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the key file " + file + ": " + e.getMessage(), e);
        }
    }
}
