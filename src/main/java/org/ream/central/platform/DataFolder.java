package org.ream.central.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The one folder the server writes to. Holds an exclusive lock for the life of the
 * process so that a second server on the same folder stops at once instead of
 * sharing (and corrupting) the embedded database and the broker journal.
 */
public final class DataFolder implements AutoCloseable {

    public static final List<String> SUBFOLDERS =
            List.of("db", "broker", "reports", "exports", "backups", "certs", "config", "replication", "tmp", "run");

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    public DataFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path resolve(String sub) {
        return root.resolve(sub);
    }

    /**
     * Checks what can be checked without writing: the folder (or its nearest existing
     * parent) must be a writable directory.
     */
    public void checkWritable() {
        Path probe = root;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        if (probe == null) {
            throw new StartupRefused("Data folder " + root + " cannot be created: no existing parent folder. Set REAM_DATA_DIR to a writable folder.");
        }
        if (!Files.isDirectory(probe)) {
            throw new StartupRefused("Data folder " + root + " cannot be used: " + probe + " is not a folder. Set REAM_DATA_DIR to a writable folder.");
        }
        if (!Files.isWritable(probe) || !Files.isExecutable(probe)) {
            throw new StartupRefused("Data folder " + root + " is not writable by user " + System.getProperty("user.name")
                    + " (permission denied on " + probe + "). Fix the folder's owner or permissions, or set REAM_DATA_DIR to a writable folder.");
        }
        if (Files.isDirectory(root)) {
            for (String sub : SUBFOLDERS) {
                Path p = root.resolve(sub);
                if (Files.exists(p) && (!Files.isDirectory(p) || !Files.isWritable(p))) {
                    throw new StartupRefused("Data folder entry " + p + " is not a writable folder (permission denied). Fix its owner or permissions.");
                }
            }
        }
    }

    /** Takes the single-instance lock; creates only the folder itself and the lock file. */
    public void lock() {
        try {
            Files.createDirectories(root);
            Path lockFile = root.resolve("ream.lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(lockFile);
                lockChannel.close();
                throw new StartupRefused("Another Ream Central is already running on data folder " + root
                        + (holder.isBlank() ? "" : " (" + holder + ")") + ". Stop it first, or start this one with another REAM_DATA_DIR.");
            }
            lockChannel.truncate(0);
            lockChannel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            lockChannel.force(true);
        } catch (AccessDeniedException e) {
            throw new StartupRefused("Data folder " + root + " is not writable (permission denied on " + e.getFile()
                    + "). Fix its owner or permissions, or set REAM_DATA_DIR to a writable folder.", e);
        } catch (IOException e) {
            throw new StartupRefused("Data folder " + root + " cannot be locked: " + e.getMessage(), e);
        }
    }

    /** Creates the standard sub-folders once the start-up checks have passed. */
    public void createLayout() {
        try {
            for (String sub : SUBFOLDERS) {
                Files.createDirectories(root.resolve(sub));
            }
        } catch (IOException e) {
            throw new StartupRefused("Data folder " + root + " cannot be prepared: " + e.getMessage(), e);
        }
    }

    private static String readHolder(Path lockFile) {
        try {
            return Files.readString(lockFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }
}
