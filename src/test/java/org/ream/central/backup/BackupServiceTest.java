package org.ream.central.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import net.lingala.zip4j.ZipFile;
import org.junit.jupiter.api.Test;
import org.ream.central.platform.Bootstrap;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

@QuarkusTest
class BackupServiceTest {

    @Inject
    BackupService backups;

    @Inject
    Bootstrap bootstrap;

    @Inject
    SettingsStore settings;

    @Test
    void aProtectedDataBackupRestoresIntoAnotherFolderWithTheSameSettings() throws Exception {
        settings.write(Map.of("general.adminEmail", "backup-check@example.org"), Actor.SYSTEM, "test", "general");
        Path data = bootstrap.dataFolder().root();

        BackupService.Result r = backups.backup(data, BackupService.Kind.DATA, "s3cret", ZoneId.of("UTC"));

        assertThat(r.file().getFileName().toString()).startsWith("backup_").endsWith(".zip");
        assertThat(r.databaseIncluded()).isTrue();
        try (ZipFile zip = new ZipFile(r.file().toFile())) {
            assertThat(zip.isEncrypted()).isTrue();
            assertThat(zip.getFileHeaders()).extracting(h -> h.getFileName()).contains("ream.fbk", "settings.json", "manifest.json");
        }

        Path other = Files.createTempDirectory(Path.of("target"), "restore-check");
        Files.createDirectories(other.resolve("tmp"));
        assertThatThrownBy(() -> BackupService.restore(other, r.file(), "wrong")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("wrong password");
        assertThat(other.resolve("db/ream.fdb")).doesNotExist();

        String message = BackupService.restore(other, r.file(), "s3cret");

        assertThat(message).contains("ream.fdb");
        Properties p = new Properties();
        p.setProperty("user", "SYSDBA");
        p.setProperty("password", "masterkey");
        p.setProperty("charSet", "UTF-8");
        try (Connection c = DriverManager.getConnection("jdbc:firebird:embedded:" + other.resolve("db/ream.fdb").toAbsolutePath(), p);
                ResultSet rs = c.createStatement().executeQuery("SELECT SETTING_VALUE FROM SETTINGS WHERE SETTING_KEY = 'general.adminEmail'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("backup-check@example.org");
        }
    }

    @Test
    void pruneKeepsTheNewestArchives() throws Exception {
        Path data = bootstrap.dataFolder().root();
        Path dir = data.resolve("backups");
        Files.createDirectories(dir);
        for (String n : new String[] {"log_backup_20200101_000000.zip", "log_backup_20210101_000000.zip", "log_backup_20220101_000000.zip"}) {
            Files.writeString(dir.resolve(n), "x");
        }
        int removed = backups.prune(data, BackupService.Kind.LOG, 1);
        assertThat(removed).isEqualTo(2);
        assertThat(dir.resolve("log_backup_20220101_000000.zip")).exists();
        assertThat(dir.resolve("log_backup_20200101_000000.zip")).doesNotExist();
    }
}
