package org.ream.central.authserver;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** A throw-away server process of a system test (slapd, freeradius) with its folder, stopped and removed afterwards. */
public final class ExternalProcess implements AutoCloseable {

    public final Path dir;
    public final Path output;
    private Process process;

    public ExternalProcess(String prefix) throws IOException {
        dir = Files.createTempDirectory(prefix);
        output = dir.resolve("output.txt");
    }

    public void start(List<String> command, BooleanSupplier ready, Duration timeout) throws Exception {
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(command.get(0) + " stopped at once: " + Files.readString(output));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(command.get(0) + " not ready in " + timeout + ": " + Files.readString(output));
    }

    public String log() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "";
        }
    }

    public static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
