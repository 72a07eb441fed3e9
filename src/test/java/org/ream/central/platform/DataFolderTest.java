package org.ream.central.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder's lock: one server per folder, and a refused start leaves the folder as it found it. */
class DataFolderTest {

    @TempDir
    Path tmp;

    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));

    @Test
    void aRefusedStartInAMissingFolderLeavesNoTrace() throws Exception {
        Files.setLastModifiedTime(tmp, LONG_AGO);
        Path root = tmp.resolve("a/b/data");
        DataFolder folder = new DataFolder(root);
        folder.checkWritable();
        folder.lock();
        assertThat(root.resolve("ream.lock")).exists();

        folder.abandon();

        assertThat(tmp.resolve("a")).doesNotExist();
        assertThat(Files.getLastModifiedTime(tmp)).isEqualTo(LONG_AGO);
    }

    @Test
    void aRefusedStartInAnExistingFolderRemovesOnlyTheLockFileItCreated() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(root.resolve("keep.txt"), "x");
        Files.setLastModifiedTime(root, LONG_AGO);
        DataFolder folder = new DataFolder(root);
        folder.lock();

        folder.abandon();

        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
        }
        assertThat(Files.getLastModifiedTime(root)).isEqualTo(LONG_AGO);
    }

    @Test
    void anExistingLockFileIsNeitherWrittenBeforeTheChecksPassNorRemoved() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Path lockFile = Files.writeString(root.resolve("ream.lock"), "pid 1", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(lockFile, LONG_AGO);
        DataFolder folder = new DataFolder(root);
        folder.lock();
        assertThat(Files.readString(lockFile)).isEqualTo("pid 1");
        folder.abandon();
        assertThat(Files.readString(lockFile)).isEqualTo("pid 1");
        assertThat(Files.getLastModifiedTime(lockFile)).isEqualTo(LONG_AGO);
    }

    @Test
    void onceTheChecksPassedTheLockFileNamesThisProcessAndStays() throws Exception {
        Path root = tmp.resolve("data");
        DataFolder folder = new DataFolder(root);
        folder.lock();
        folder.createLayout();
        assertThat(Files.readString(root.resolve("ream.lock"))).isEqualTo("pid " + ProcessHandle.current().pid());
        assertThat(root.resolve("db")).isDirectory();
        assertThat(root.resolve("run")).isDirectory();
        folder.abandon();
        assertThat(root.resolve("ream.lock")).exists();
        assertThat(root.resolve("db")).isDirectory();
    }

    @Test
    void aSecondServerOnTheSameFolderIsRefusedAndTheFirstKeepsItsLock() throws Exception {
        Path root = tmp.resolve("data");
        DataFolder first = new DataFolder(root);
        first.lock();
        first.createLayout();
        try {
            DataFolder second = new DataFolder(root);
            assertThatThrownBy(second::lock).isInstanceOf(StartupRefused.class)
                    .hasMessageContaining("already running on data folder " + root.toAbsolutePath())
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("REAM_DATA_DIR");
            second.abandon();
            assertThat(root.resolve("ream.lock")).exists();
            assertThat(Files.readString(root.resolve("ream.lock"))).isEqualTo("pid " + ProcessHandle.current().pid());
        } finally {
            first.close();
        }
        DataFolder third = new DataFolder(root);
        third.lock();
        third.close();
    }

    @Test
    void aDataFolderBelowAFileIsRefusedWithTheFix() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        DataFolder folder = new DataFolder(file.resolve("data"));
        assertThatThrownBy(folder::checkWritable).isInstanceOf(StartupRefused.class)
                .hasMessageContaining(file + " is not a folder").hasMessageContaining("Set REAM_DATA_DIR");
    }
}
