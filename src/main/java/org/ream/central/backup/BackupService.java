package org.ream.central.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.lingala.zip4j.ZipFile;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.firebirdsql.management.FBBackupManager;
import org.jboss.logging.Logger;
import org.ream.central.persistence.DatabaseTarget;
import org.ream.central.persistence.Databases;
import org.ream.central.settings.ValidationException;

/**
 * Backups of the manual (4.5): "database and settings" and "log" archives in the data
 * folder's backups/, optionally protected by a password (AES-256 zip). An embedded database
 * is backed up online with Firebird's own backup (gbak format, consistent while the server
 * runs); an external database is its DBA's job, so only settings and files go in then.
 */
@ApplicationScoped
public class BackupService {

    private static final Logger LOG = Logger.getLogger(BackupService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    public enum Kind {
        DATA("backup_"), LOG("log_backup_");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public record Result(Path file, long bytes, boolean databaseIncluded, String note) {
    }

    @Inject
    Databases databases;

    @Inject
    ObjectMapper json;

    /** Creates a backup archive; the work happens in a temporary folder and the zip appears complete or not at all. */
    public Result backup(Path dataDir, Kind kind, String password, ZoneId zone) {
        Path backups = dataDir.resolve("backups");
        String name = kind.prefix + LocalDateTime.now(zone).format(STAMP) + ".zip";
        Path work = null;
        try {
            Files.createDirectories(backups);
            work = Files.createTempDirectory(dataDir.resolve("tmp"), "backup");
            DatabaseTarget target = kind == Kind.DATA ? databases.mainTarget() : databases.logTarget();
            List<Path> entries = new ArrayList<>();
            boolean dbIncluded = false;
            if (target.embedded()) {
                Path fbk = work.resolve(kind == Kind.DATA ? "ream.fbk" : "ream-log.fbk");
                firebirdBackup(target.embeddedFile().get(), fbk);
                entries.add(fbk);
                dbIncluded = true;
            }
            if (kind == Kind.DATA) {
                Path settings = work.resolve("settings.json");
                Files.writeString(settings, json.writerWithDefaultPrettyPrinter().writeValueAsString(settingsRows()), StandardCharsets.UTF_8);
                entries.add(settings);
            }
            Path manifest = work.resolve("manifest.json");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("product", "ream-central");
            m.put("kind", kind.name());
            m.put("createdAt", Instant.now().toString());
            m.put("database", target.dialect().name());
            m.put("embedded", target.embedded());
            Files.writeString(manifest, json.writerWithDefaultPrettyPrinter().writeValueAsString(m), StandardCharsets.UTF_8);
            entries.add(manifest);

            Path partial = backups.resolve(name + ".part");
            Files.deleteIfExists(partial);
            ZipParameters params = new ZipParameters();
            boolean protect = password != null && !password.isEmpty();
            if (protect) {
                params.setEncryptFiles(true);
                params.setEncryptionMethod(EncryptionMethod.AES);
                params.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
            }
            try (ZipFile zip = protect ? new ZipFile(partial.toFile(), password.toCharArray()) : new ZipFile(partial.toFile())) {
                for (Path p : entries) {
                    zip.addFile(p.toFile(), params);
                }
                if (kind == Kind.DATA) {
                    for (String folder : List.of("config", "certs")) {
                        Path f = dataDir.resolve(folder);
                        if (Files.isDirectory(f) && hasFiles(f)) {
                            zip.addFolder(f.toFile(), params);
                        }
                    }
                }
            }
            Path file = backups.resolve(name);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            String note = dbIncluded ? "" : "The external " + target.dialect().name().toLowerCase() + " database is not in the archive: back it up with its own tools.";
            return new Result(file, Files.size(file), dbIncluded, note);
        } catch (IOException e) {
            throw new UncheckedIOException("Backup failed: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private void firebirdBackup(Path fdb, Path fbk) {
        FBBackupManager manager = new FBBackupManager("EMBEDDED");
        manager.setDatabase(fdb.toAbsolutePath().toString());
        manager.setBackupPath(fbk.toAbsolutePath().toString());
        manager.setUser("SYSDBA");
        manager.setPassword("masterkey");
        try {
            manager.backupDatabase();
        } catch (SQLException e) {
            throw new IllegalStateException("Firebird backup of " + fdb + " failed: " + e.getMessage(), e);
        }
    }

    /** Restores a Firebird backup into a new database file (used by ./ream restore while the server is stopped). */
    public static void firebirdRestore(Path fbk, Path newFdb) throws SQLException {
        FBBackupManager manager = new FBBackupManager("EMBEDDED");
        manager.setDatabase(newFdb.toAbsolutePath().toString());
        manager.setBackupPath(fbk.toAbsolutePath().toString());
        manager.setUser("SYSDBA");
        manager.setPassword("masterkey");
        manager.setRestorePageSize(16384);
        manager.setRestoreReplace(false);
        manager.restoreDatabase();
    }

    /**
     * Restores a data backup archive into the data folder while the server is stopped: the
     * embedded database is rebuilt from its Firebird backup next to the old file, then swapped in;
     * the previous file is kept as ream.fdb.before-restore-<stamp>.
     */
    public static String restore(Path dataDir, Path archive, String password) {
        if (!Files.isRegularFile(archive)) {
            throw new ValidationException("archive", archive + " is not a file");
        }
        Path work = null;
        try (ZipFile zip = password == null || password.isEmpty() ? new ZipFile(archive.toFile()) : new ZipFile(archive.toFile(), password.toCharArray())) {
            if (!zip.isValidZipFile()) {
                throw new ValidationException("archive", archive + " is not a backup archive (not a zip file)");
            }
            if (zip.isEncrypted() && (password == null || password.isEmpty())) {
                throw new ValidationException("password", "the backup is password-protected: pass the password");
            }
            work = Files.createTempDirectory(dataDir.resolve("tmp"), "restore");
            try {
                zip.extractAll(work.toString());
            } catch (ZipException e) {
                throw new ValidationException("password", "cannot read the backup (wrong password or damaged file): " + e.getMessage());
            }
            if (!Files.exists(work.resolve("manifest.json"))) {
                throw new ValidationException("archive", archive + " is not a Ream Central backup (no manifest.json)");
            }
            List<String> done = new ArrayList<>();
            String stamp = LocalDateTime.now().format(STAMP);
            for (String[] db : new String[][] {{"ream.fbk", "ream.fdb"}, {"ream-log.fbk", "ream-log.fdb"}}) {
                Path fbk = work.resolve(db[0]);
                if (Files.exists(fbk)) {
                    Path dbDir = dataDir.resolve("db");
                    Files.createDirectories(dbDir);
                    Path fresh = dbDir.resolve(db[1] + ".restoring");
                    Files.deleteIfExists(fresh);
                    firebirdRestore(fbk, fresh);
                    Path current = dbDir.resolve(db[1]);
                    if (Files.exists(current)) {
                        Files.move(current, dbDir.resolve(db[1] + ".before-restore-" + stamp));
                    }
                    Files.move(fresh, current, StandardCopyOption.ATOMIC_MOVE);
                    done.add(db[1]);
                }
            }
            for (String folder : List.of("config", "certs")) {
                Path from = work.resolve(folder);
                if (Files.isDirectory(from)) {
                    copyTree(from, dataDir.resolve(folder));
                    done.add(folder + "/");
                }
            }
            return done.isEmpty() ? "Nothing to restore in " + archive : "Restored " + String.join(", ", done) + " from " + archive.getFileName();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Restore failed: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /** Keeps the newest {@code keep} archives of a kind. */
    public int prune(Path dataDir, Kind kind, int keep) {
        Path backups = dataDir.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(backups)) {
            List<Path> mine = s.filter(p -> p.getFileName().toString().startsWith(kind.prefix) && p.getFileName().toString().endsWith(".zip"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
            int removed = 0;
            for (Path p : mine.subList(Math.min(keep, mine.size()), mine.size())) {
                Files.deleteIfExists(p);
                removed++;
            }
            return removed;
        } catch (IOException e) {
            LOG.warn("Could not prune old backups", e);
            return 0;
        }
    }

    private List<Map<String, Object>> settingsRows() {
        return databases.mainJdbc().query("SELECT SETTING_KEY, SETTING_VALUE FROM SETTINGS ORDER BY SETTING_KEY", rs -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", rs.getString(1));
            row.put("value", rs.getString(2));
            return row;
        });
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(Files::isRegularFile);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover in tmp/ is cleaned by system maintenance
        }
    }
}
