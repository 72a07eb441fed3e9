package org.ream.central.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything about a folder tree that a write would change: each entry's path, type,
 * permissions, size, modification time (nanoseconds) and, for files, a SHA-256 of the bytes.
 * Two equal snapshots mean nothing was written. A missing folder has an empty snapshot.
 */
record FolderSnapshot(Path root, Map<String, String> entries) {

    static FolderSnapshot of(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    String kind = a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : a.isSymbolicLink() ? "link" : "other";
                    String rel = root.relativize(p).toString();
                    entries.put(rel.isEmpty() ? "." : rel, kind + " " + PosixFilePermissions.toString(a.permissions()) + " size=" + (a.isDirectory() ? "-" : a.size())
                            + " mtime=" + a.lastModifiedTime().toInstant() + (a.isRegularFile() ? " sha256=" + sha256(p) : ""));
                }
            }
        }
        return new FolderSnapshot(root, entries);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(root + (entries.isEmpty() ? " (absent)" : "") + "\n");
        entries.forEach((k, v) -> sb.append("  ").append(k).append("  ").append(v).append('\n'));
        return sb.toString();
    }
}
