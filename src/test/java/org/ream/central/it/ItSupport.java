package org.ream.central.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Folders and assertions shared by the integration tests of the packaged server. */
final class ItSupport {

    static final Path ROOT = Path.of("target", "it").toAbsolutePath();

    private ItSupport() {
    }

    /** An empty folder target/it/<name>, emptied first if a previous run left it. */
    static Path freshFolder(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }

    /** Copies a data folder with its files' time stamps, as a backup tool would. */
    static Path copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        return to;
    }

    /**
     * The refusal contract: exit code 2, exactly one stderr line "Ream Central cannot start: ..."
     * holding every expected fragment (what is wrong, how to fix it), nothing else on stderr,
     * and the watched folder exactly as before.
     */
    static String assertRefused(PackagedServer server, FolderSnapshot before, String... fragments) throws Exception {
        String line = assertRefusedLine(server, fragments);
        assertThat(FolderSnapshot.of(before.root())).as("the data folder after the refused start").isEqualTo(before);
        return line;
    }

    /** The refusal contract without the folder check (for a folder another server is using). */
    static String assertRefusedLine(PackagedServer server, String... fragments) throws Exception {
        int code = server.awaitExit();
        String output = server.output();
        assertThat(code).as("exit code%n%s", output).isEqualTo(2);
        List<String> refusals = server.refusals();
        assertThat(refusals).as("lines starting '%s' on stderr%n%s", PackagedServer.REFUSAL, output).hasSize(1);
        String line = refusals.get(0);
        assertThat(line).as("the refusal line").contains(fragments);
        assertThat(server.stderrLines()).as("stderr holds the refusal line only%n%s", output).filteredOn(l -> !l.isBlank()).containsExactly(line);
        return line;
    }
}
