package org.ream.central.replication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.ream.central.scheduling.tasks.DataDir;

/**
 * The folder {@code data/replication/incoming/<site id>/} where every payload, downloaded or
 * pushed, is made durable before it is recorded: written to a {@code .part} file, forced to
 * disk, renamed atomically to its final name, and the folder forced so that the rename itself
 * survives a crash. A payload recorded in REPLICATION_BATCHES is therefore always whole on disk.
 */
@ApplicationScoped
public class IncomingPayloads {

    @Inject
    DataDir dataDir;

    public Path folder(long siteId) {
        return dataDir.resolve("replication/incoming/" + siteId);
    }

    /** A new empty {@code .part} file in the site's folder, for a payload on its way in. */
    public Path newPart(long siteId, String prefix) throws IOException {
        Path folder = Files.createDirectories(folder(siteId));
        return Files.createTempFile(folder, prefix, ".part");
    }

    /**
     * Makes a complete part file durable as {@code name} in its folder and returns the final path.
     * A file of that name already there is replaced (the same payload received again).
     */
    public Path keep(Path part, String name) throws IOException {
        force(part);
        Path file = part.resolveSibling(name);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        force(file.getParent());
        return file;
    }

    /** Writes {@code body} to a new part file of the site and keeps it as {@code name}. */
    public Path store(long siteId, String name, byte[] body) throws IOException {
        Path part = newPart(siteId, "push-");
        try {
            Files.write(part, body, StandardOpenOption.TRUNCATE_EXISTING);
            return keep(part, name);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    public static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stray .part file is removed by the system maintenance's tmp clean-up at worst
            }
        }
    }

    private static void force(Path path) throws IOException {
        try (FileChannel c = FileChannel.open(path, Files.isDirectory(path) ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }
}
