package org.ream.central.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.ream.central.audit.AuditLog;
import org.ream.central.platform.Bootstrap;
import org.ream.central.security.Actor;
import org.ream.central.settings.ValidationException;

/**
 * The custom application logo (6.2): one image file in the data folder's config/,
 * used by the web UI, and later by reports and vouchers.
 */
@ApplicationScoped
public class Branding {

    public record Logo(byte[] bytes, String mediaType) {
    }

    private static final List<String> TYPES = List.of("png", "jpg", "bmp");
    private static final int MAX_BYTES = 2 * 1024 * 1024;

    @Inject
    Bootstrap bootstrap;

    @Inject
    AuditLog audit;

    public Optional<Logo> logo() {
        for (String ext : TYPES) {
            Path p = file(ext);
            if (Files.exists(p)) {
                try {
                    return Optional.of(new Logo(Files.readAllBytes(p), ext.equals("jpg") ? "image/jpeg" : "image/" + ext));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }

    public void save(byte[] bytes, Actor actor) {
        String ext = sniff(bytes);
        if (bytes.length > MAX_BYTES) {
            throw new ValidationException("logo", "is larger than 2 MB");
        }
        try {
            Path tmp = Files.createTempFile(bootstrap.dataFolder().resolve("tmp"), "logo", "." + ext);
            Files.write(tmp, bytes);
            remove();
            Files.move(tmp, file(ext), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(actor, "Settings", "SETTINGS_CHANGED", "Custom logo was changed.", "personalization", bytes.length + " bytes, " + ext);
    }

    public void delete(Actor actor) {
        remove();
        audit.record(actor, "Settings", "SETTINGS_CHANGED", "Custom logo was removed.", "personalization", null);
    }

    private void remove() {
        for (String ext : TYPES) {
            try {
                Files.deleteIfExists(file(ext));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Path file(String ext) {
        return bootstrap.dataFolder().resolve("config").resolve("logo." + ext);
    }

    /** Accepts JPG/JPEG, PNG and BMP (the manual's formats) by their magic bytes, not their name. */
    static String sniff(byte[] b) {
        if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return "jpg";
        }
        if (b.length > 2 && b[0] == 'B' && b[1] == 'M') {
            return "bmp";
        }
        throw new ValidationException("logo", "must be a JPG, PNG or BMP image");
    }
}
