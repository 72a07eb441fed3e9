package org.ream.central.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged server on a standalone Artemis broker (artemis/start-external-broker.sh, the
 * Artemis 2.40.0 distribution from Maven Central) instead of the embedded one: it gets ready,
 * says which broker it uses, and its JMS consumers attach to that broker's queues. Skipped
 * when the broker cannot be fetched or started within it.broker-seconds (120 s).
 */
class ExternalBrokerIT {

    static final Duration BROKER_LIMIT = Duration.ofSeconds(Long.getLong("it.broker-seconds", 120));
    static final Path SCRIPT = Path.of("artemis", "start-external-broker.sh").toAbsolutePath();

    static Path dir;
    static int brokerPort;
    static int consolePort;
    static boolean brokerStarted;

    @BeforeAll
    static void startTheBroker() throws Exception {
        dir = ItSupport.freshFolder("external-broker");
        brokerPort = PackagedServer.freePort();
        consolePort = PackagedServer.freePort();
        Script start = script("start", "--daemon");
        brokerStarted = true; // from here on, stop it whatever happens
        if (start.timedOut) {
            abort("External broker test skipped: artemis/start-external-broker.sh did not start the broker within " + BROKER_LIMIT.toSeconds()
                    + " s (download of org.apache.activemq:apache-artemis:2.40.0 or start too slow). Its output:\n" + start.output);
        }
        if (start.exitCode != 0) {
            abort("External broker test skipped: artemis/start-external-broker.sh failed (exit " + start.exitCode
                    + "; Maven Central or Java unavailable?). Its output:\n" + start.output);
        }
        assertThat(start.output).contains("REAM_BROKER_URL=" + brokerUrl());
    }

    @AfterAll
    static void stopTheBroker() throws Exception {
        if (brokerStarted) {
            Script stop = script("stop");
            assertThat(stop.exitCode).as("stopping the external broker: %s", stop.output).isZero();
        }
    }

    static String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    @Test
    void theServerRunsOnTheExternalBrokerAndItsConsumersAttachToIt() throws Exception {
        Path data = dir.resolve("data");
        try (PackagedServer server = new PackagedServer(dir.resolve("run"), data).env("REAM_BROKER_URL", brokerUrl())
                .env("REAM_BROKER_USER", "ream").env("REAM_BROKER_PASSWORD", "ream")) {
            server.start().awaitReady();
            assertThat(server.stdout()).contains("Ream Central booted (").contains(", broker " + brokerUrl() + ", ");
            assertThat(server.get("/q/health/ready").body()).contains("\"status\": \"UP\"").contains(brokerUrl());
            assertThat(data.resolve("broker")).isEmptyDirectory(); // no embedded journal

            List<String> consumedQueues = resolve(queuesTheServerConsumes(), server.stdout());
            if (!consumedQueues.isEmpty()) {
                Map<String, Integer> consumers = Map.of();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && !allConsumed(consumedQueues, consumers)) {
                    Thread.sleep(500);
                    consumers = queueConsumers();
                }
                for (String q : consumedQueues) {
                    assertThat(consumers.getOrDefault(q, 0)).as("consumers of %s on the external broker (all queues: %s)", q, consumers).isPositive();
                }
            }
            assertThat(server.stop()).as(server.output()).isIn(0, 143);
            assertThat(server.crashReports()).isEmpty();
        }
    }

    @Test
    void aBrokerThatRejectsTheLoginIsARefusal() throws Exception {
        Path data = dir.resolve("wrong-password/data");
        FolderSnapshot before = FolderSnapshot.of(data);
        try (PackagedServer server = new PackagedServer(dir.resolve("wrong-password/run"), data).env("REAM_BROKER_URL", brokerUrl())
                .env("REAM_BROKER_USER", "ream").env("REAM_BROKER_PASSWORD", "not-the-password")) {
            server.start();
            String line = ItSupport.assertRefused(server, before, "The message broker at " + brokerUrl() + " refused the login of user 'ream'",
                    "REAM_BROKER_USER", "REAM_BROKER_PASSWORD");
            assertThat(line).doesNotContain("not-the-password");
        }
    }

    /** Queue names the packaged routes consume from (jms:queue:...), placeholders included. */
    private static List<String> queuesTheServerConsumes() throws IOException {
        List<String> queues = new ArrayList<>();
        Path app = PackagedServer.jar().getParent().resolve("app");
        try (Stream<Path> jars = Files.list(app)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile jf = new JarFile(jar.toFile())) {
                    for (var e : jf.stream().filter(e -> e.getName().startsWith("routes/") && e.getName().endsWith(".yaml")).toList()) {
                        String yaml = new String(jf.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                        Matcher m = Pattern.compile("uri:\\s*\"?jms:queue:([^\"?\\s]+)").matcher(yaml);
                        while (m.find()) {
                            queues.add(m.group(1));
                        }
                    }
                }
            }
        }
        return queues;
    }

    private static boolean allConsumed(List<String> queues, Map<String, Integer> counts) {
        return queues.stream().allMatch(q -> counts.getOrDefault(q, 0) > 0);
    }

    /** Queue names with {{placeholders}} replaced from the server's Camel property summary. */
    private static List<String> resolve(List<String> queues, String stdout) {
        List<String> out = new ArrayList<>();
        for (String q : queues) {
            Matcher ph = Pattern.compile("\\{\\{([^}]+)}}").matcher(q);
            if (ph.matches()) {
                Matcher v = Pattern.compile("\\] " + Pattern.quote(ph.group(1)) + " = (\\S+)").matcher(stdout);
                assertThat(v.find()).as("value of %s in the server's property summary", ph.group(1)).isTrue();
                out.add(v.group(1));
            } else {
                out.add(q);
            }
        }
        return out;
    }

    /** Consumer count per queue, from the broker's own "queue stat". */
    private static Map<String, Integer> queueConsumers() throws Exception {
        Script status = script("status");
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> header = null;
        for (String line : status.output.split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split("\\|")).map(String::trim).toList();
            // The header is "|NAME |ADDRESS |CONSUMER|..." with "COUNT" on a second line.
            if (cells.contains("NAME") && (cells.contains("CONSUMER") || cells.contains("CONSUMER_COUNT"))) {
                header = cells;
            } else if (header != null && cells.size() == header.size()) {
                int consumerColumn = header.contains("CONSUMER") ? header.indexOf("CONSUMER") : header.indexOf("CONSUMER_COUNT");
                try {
                    counts.put(cells.get(header.indexOf("NAME")), Integer.parseInt(cells.get(consumerColumn)));
                } catch (NumberFormatException ignored) {
                    // a separator line
                }
            }
        }
        return counts;
    }

    record Script(int exitCode, boolean timedOut, String output) {
    }

    private static Script script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "script-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("REAM_BROKER_PORT", Integer.toString(brokerPort));
        pb.environment().put("REAM_BROKER_HTTP_PORT", Integer.toString(consolePort));
        pb.environment().put("REAM_BROKER_USER", "ream");
        pb.environment().put("REAM_BROKER_PASSWORD", "ream");
        Process p = pb.start();
        boolean done = p.waitFor(BROKER_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Script(done ? p.exitValue() : -1, !done, Files.readString(log, StandardCharsets.UTF_8));
    }
}
