package org.ream.central.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A secret written to data/run/ at each start so that ./ream can reach the running
 * server's loopback endpoints (unlock *admin) without any password.
 */
@ApplicationScoped
public class CliToken {

    private String value;

    void write(DataFolder folder) {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        value = HexFormat.of().formatHex(raw);
        Path run = folder.resolve("run");
        try {
            Path file = run.resolve("cli.token");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value, StandardCharsets.UTF_8);
            String port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", String.class).orElse("8083");
            Files.writeString(run.resolve("http.port"), port, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean matches(String presented) {
        return value != null && presented != null
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.trim().getBytes(StandardCharsets.UTF_8));
    }
}
