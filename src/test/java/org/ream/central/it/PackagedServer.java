package org.ream.central.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) run as a child process, the
 * way an operator starts it: options on the command line, configuration in the environment,
 * its own working folder, output captured to files. Every wait is bounded; {@link #close}
 * stops the process whatever happened.
 */
final class PackagedServer implements AutoCloseable {

    static final String REFUSAL = "Ream Central cannot start: ";
    static final Duration START_LIMIT = Duration.ofSeconds(Long.getLong("it.start-seconds", 90));

    private final Path workDir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> prefix = new ArrayList<>();
    private final int port;
    private Process process;
    private final Path stdout;
    private final Path stderr;

    /** A server on data folder {@code dataDir}, HTTP on 127.0.0.1 and a free port. */
    PackagedServer(Path workDir, Path dataDir) throws IOException {
        this(workDir, dataDir, freePort());
    }

    PackagedServer(Path workDir, Path dataDir, int port) throws IOException {
        this.workDir = Files.createDirectories(workDir);
        this.port = port;
        String n = Long.toString(System.nanoTime(), 36);
        this.stdout = workDir.resolve("stdout-" + n + ".log");
        this.stderr = workDir.resolve("stderr-" + n + ".log");
        env.put("REAM_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("it.server-jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged server: run the integration tests with ./mvnw verify (they need the package phase)").exists();
        return jar;
    }

    static String firebirdLib() {
        return System.getProperty("it.firebird-lib", "/usr/lib/x86_64-linux-gnu");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    PackagedServer env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs the JVM through another command, e.g. setpriv to drop root's rights. */
    PackagedServer via(List<String> command) {
        prefix.addAll(command);
        return this;
    }

    int port() {
        return port;
    }

    Path workDir() {
        return workDir;
    }

    PackagedServer start() throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.library.path=" + firebirdLib(), "-Dorg.firebirdsql.nativeResourceShutdownDisabled=true",
                "-Xmx512m", "-jar", jar().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // Nothing from the test's own environment may choose another database or broker.
        pb.environment().keySet().removeIf(k -> k.startsWith("REAM_") || k.startsWith("QUARKUS_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        process = pb.start();
        return this;
    }

    /** Waits for the process to end by itself, within the start limit, and returns its exit code. */
    int awaitExit() throws Exception {
        if (!process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            fail("The server was still running after %d s (it should have stopped by itself).%n%s", START_LIMIT.toSeconds(), output());
        }
        return process.exitValue();
    }

    /** Waits until GET /q/health/ready answers 200; fails at once if the process ends first. */
    PackagedServer awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("The server ended with exit code %d before it was ready.%n%s", process.exitValue(), output());
            }
            if (readyStatus() == 200) {
                return this;
            }
            Thread.sleep(100);
        }
        fail("The server was not ready within %d s.%n%s", START_LIMIT.toSeconds(), output());
        return this;
    }

    int readyStatus() {
        try {
            return get("/q/health/ready").statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A call of the web API as the UI makes it: JSON body (or none), the session cookie when given, X-Requested-With. */
    HttpResponse<String> call(String method, String path, String session, String json) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("X-Requested-With", "it").header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (session != null) {
            request.header("Cookie", "REAM_SESSION=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in and returns the session cookie's value. */
    String login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = call("POST", "/api/auth/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as("login of %s: %s", user, r.body()).isEqualTo(200);
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("REAM_SESSION=")).findFirst()
                .map(c -> c.substring("REAM_SESSION=".length()).split(";", 2)[0]).orElseThrow(() -> new AssertionError("no session cookie: " + r.headers()));
    }

    /** Stops the server as a service manager does (SIGTERM) and returns its exit code. */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("The server did not stop within 60 s of SIGTERM.%n%s", output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    List<String> stderrLines() throws IOException {
        return Files.readAllLines(stderr, StandardCharsets.UTF_8);
    }

    /** The lines of stderr that say why the server refused to start. */
    List<String> refusals() throws IOException {
        return stderrLines().stream().filter(l -> l.startsWith(REFUSAL)).toList();
    }

    /** No JVM crash report (hs_err_pid*.log) in the working folder. */
    List<Path> crashReports() throws IOException {
        try (Stream<Path> files = Files.list(workDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
        }
    }

    String output() {
        try {
            String out = stdout();
            String tail = out.length() > 6000 ? "..." + out.substring(out.length() - 6000) : out;
            return "--- stderr ---\n" + String.join("\n", stderrLines()) + "\n--- stdout (end) ---\n" + tail;
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
