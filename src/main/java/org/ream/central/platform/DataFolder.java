package org.ream.central.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The one folder the server writes to. Holds an exclusive lock for the life of the
 * process so that a second server on the same folder stops at once instead of
 * sharing (and corrupting) the embedded database and the broker journal.
 */
public final class DataFolder implements AutoCloseable {

    public static final List<String> SUBFOLDERS =
            List.of("db", "broker", "reports", "exports", "backups", "certs", "config", "replication", "tmp", "run");

    static final String LOCK_FILE = "ream.lock";

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;
    private boolean createdLockFile;
    private boolean claimed;
    private final List<Path> createdFolders = new ArrayList<>();
    private Path foundFolder;
    private FileTime foundFolderTime;

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

    /**
     * Takes the single-instance lock. Creates only what it needs for that (the folder, the lock
     * file) and remembers it, so that {@link #abandon} can leave the folder as it was found;
     * the process id is written into the lock file by {@link #createLayout}, once the checks passed.
     */
    public void lock() {
        Path lockFile = root.resolve(LOCK_FILE);
        try {
            rememberMissingFolders();
            Files.createDirectories(root);
            try {
                lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
                createdLockFile = true;
            } catch (FileAlreadyExistsException e) {
                lockChannel = FileChannel.open(lockFile, StandardOpenOption.WRITE, StandardOpenOption.READ);
            }
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                // Held by the running server, which may have opened the file we just created: keep it.
                createdLockFile = false;
                String holder = readHolder(lockFile);
                lockChannel.close();
                lockChannel = null;
                throw new StartupRefused("Another Ream Central is already running on data folder " + root
                        + (holder.isBlank() ? "" : " (" + holder + ")") + ". Stop it first, or start this one with another REAM_DATA_DIR.");
            }
        } catch (AccessDeniedException e) {
            throw new StartupRefused("Data folder " + root + " is not writable by user " + System.getProperty("user.name") + " (permission denied on "
                    + e.getFile() + "). Fix its owner or permissions, or set REAM_DATA_DIR to a writable folder.", e);
        } catch (IOException e) {
            throw new StartupRefused("Data folder " + root + " cannot be locked (" + e + "). Check the folder and its file system, or set REAM_DATA_DIR to another folder.", e);
        }
    }

    private void rememberMissingFolders() throws IOException {
        createdFolders.clear();
        Path p = root;
        while (p != null && !Files.exists(p)) {
            createdFolders.add(0, p);
            p = p.getParent();
        }
        if (p != null) {
            // The folder, or the parent the missing ones are created in, gets its time stamp back on abandon().
            foundFolder = p;
            foundFolderTime = Files.getLastModifiedTime(p);
        }
    }

    /** Creates the standard sub-folders and records this process in the lock file, once the start-up checks have passed. */
    public void createLayout() {
        try {
            if (!claimed && lockChannel != null) {
                lockChannel.truncate(0);
                lockChannel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
                lockChannel.force(true);
            }
            claimed = true;
            for (String sub : SUBFOLDERS) {
                Files.createDirectories(root.resolve(sub));
            }
        } catch (IOException e) {
            throw new StartupRefused("Data folder " + root + " cannot be prepared: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the folder up after a refused start: releases the lock and, as long as nothing else
     * was written ({@link #createLayout} not called), removes the lock file and the folders that
     * {@link #lock} created and puts back the time stamp of the folder it found.
     */
    public void abandon() {
        close();
        if (claimed) {
            return;
        }
        try {
            if (createdLockFile) {
                Files.deleteIfExists(root.resolve(LOCK_FILE));
                createdLockFile = false;
            }
            for (int i = createdFolders.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(createdFolders.get(i));
            }
            createdFolders.clear();
            if (foundFolder != null) {
                Files.setLastModifiedTime(foundFolder, foundFolderTime);
            }
        } catch (IOException e) {
            // Something else appeared in the folder meanwhile: leave it.
        }
    }

    /** "pid N" of the running holder; empty when the file names no live process (the holder is still checking). */
    private static String readHolder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            if (text.startsWith("pid ")) {
                long pid = Long.parseLong(text.substring(4).trim());
                return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? text : "";
            }
            return "";
        } catch (IOException | NumberFormatException e) {
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
            lock = null;
            lockChannel = null;
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }
}
