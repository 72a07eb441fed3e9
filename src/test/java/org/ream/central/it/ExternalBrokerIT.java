package org.ream.central.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ream.central.sitesim.ActivityGenerator;
import org.ream.central.sitesim.CentralClient;
import org.ream.central.sitesim.Misbehaviour;
import org.ream.central.sitesim.NdjsonPayloadOut;
import org.ream.central.sitesim.QueuePusher;
import org.ream.central.sitesim.RequestSigner;
import org.ream.central.sitesim.SiteSpec;

/**
 * The packaged server on a standalone Artemis broker (artemis/start-external-broker.sh, the
 * Artemis 2.40.0 distribution from Maven Central) instead of the embedded one: it gets ready,
 * says which broker it uses, and its JMS consumers attach to that broker's queues; payloads that
 * sites push to that broker, from the Java simulator (CORE) and from a Python AMQP client, are
 * loaded. Skipped when the broker cannot be fetched or started within it.broker-seconds (120 s).
 * The tests run in order on one server, which the last one stops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalBrokerIT {

    static final String COMMUNICATION_PASSWORD = "external-broker-it-secret";
    static final List<String> TYPES = List.of("session", "printer");
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path AMQP_CLIENT = Path.of("simulator", "amqp_push.py").toAbsolutePath();

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration BROKER_LIMIT = Duration.ofSeconds(Long.getLong("it.broker-seconds", 120));
    static final Path SCRIPT = Path.of("artemis", "start-external-broker.sh").toAbsolutePath();

    static Path dir;
    static int brokerPort;
    static int consolePort;
    static boolean brokerStarted;
    /** The server of the ordered tests, on the external broker. */
    static PackagedServer server;
    static Path data;
    static String session;
    /** Sessions each pushed site's payload holds, checked in the database once the server is stopped. */
    static final Map<String, Integer> pushedSessions = new LinkedHashMap<>();

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
        if (server != null) {
            server.close();
        }
        if (brokerStarted) {
            Script stop = script("stop");
            assertThat(stop.exitCode).as("stopping the external broker: %s", stop.output).isZero();
        }
    }

    static String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    @Test
    @Order(1)
    void theServerRunsOnTheExternalBrokerAndItsConsumersAttachToIt() throws Exception {
        data = dir.resolve("data");
        server = new PackagedServer(dir.resolve("run"), data).env("REAM_BROKER_URL", brokerUrl())
                .env("REAM_BROKER_USER", "ream").env("REAM_BROKER_PASSWORD", "ream");
        server.start().awaitReady();
        assertThat(server.stdout()).contains("Ream Central booted (").contains(", broker " + brokerUrl() + ", ");
        assertThat(server.get("/q/health/ready").body()).contains("\"status\": \"UP\"").contains(brokerUrl());
        assertThat(data.resolve("broker")).isEmptyDirectory(); // no embedded journal

        List<String> consumedQueues = resolve(queuesTheServerConsumes(), server.stdout());
        assertThat(consumedQueues).contains("replication.payloads");
        AtomicReference<Map<String, Integer>> consumers = new AtomicReference<>(Map.of());
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                consumers.set(queueConsumers());
                return allConsumed(consumedQueues, consumers.get());
            });
        } catch (ConditionTimeoutException e) {
            // the assertions below say which queue has no consumer
        }
        for (String q : consumedQueues) {
            assertThat(consumers.get().getOrDefault(q, 0)).as("consumers of %s on the external broker (all queues: %s)", q, consumers.get()).isPositive();
        }
        session = server.login("*admin", "1234");
        HttpResponse<String> saved = server.call("PUT", "/api/settings/general", session,
                "{\"security.communicationPassword\":\"" + COMMUNICATION_PASSWORD + "\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aPayloadTheSimulatorPushesToTheExternalBrokerIsLoaded() throws Exception {
        ActivityGenerator site = registeredSite(900_001);
        // On an external broker, sites use accounts of that broker (here the server's own).
        try (QueuePusher pusher = new QueuePusher(brokerUrl(), "ream", "ream", RequestSigner.withPassword(COMMUNICATION_PASSWORD))) {
            pusher.push(site, 1, TYPES, Misbehaviour.NONE);
        }
        awaitReplicated(site.spec().name());
        pushedSessions.put(site.spec().name(), site.sessionCount(1));
    }

    @Test
    @Order(3)
    void aPayloadAPythonAmqpClientPushesToTheExternalBrokerIsLoaded() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "AMQP client test skipped: " + PYTHON + " is missing (Debian: python3)");
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import proton").redirectErrorStream(true).start();
        String probeOutput = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "AMQP client test skipped: Qpid Proton is missing for " + PYTHON + " (Debian: python3-qpid-proton): " + probeOutput.strip());

        ActivityGenerator site = registeredSite(900_002);
        Path payload = dir.resolve(site.spec().name() + ".ndjson.gz");
        try (OutputStream out = Files.newOutputStream(payload)) {
            site.writeBatch(1, TYPES, new NdjsonPayloadOut(out));
        }
        Run refused = amqpPush(site.spec().name(), "not-the-password", payload);
        assertThat(refused.exitCode()).as("a wrong broker password: %s", refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("push refused or broker unreachable");

        Run pushed = amqpPush(site.spec().name(), "ream", payload);
        assertThat(pushed.exitCode()).as("exit code of %s: %s", AMQP_CLIENT, pushed.output()).isZero();
        assertThat(pushed.output()).contains("pushed batch " + site.header(1, TYPES).batch() + " of site " + site.spec().name());

        awaitReplicated(site.spec().name());
        pushedSessions.put(site.spec().name(), site.sessionCount(1));
    }

    @Test
    @Order(4)
    void theServerStopsCleanlyWithEveryPushedSessionInItsDatabase() throws Exception {
        assertThat(server).as("the server of the first test").isNotNull();
        assertThat(server.stop()).as(server.output()).isIn(0, 143);
        assertThat(server.crashReports()).isEmpty();
        assertThat(pushedSessions).isNotEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:firebird:embedded:" + data.resolve("db/ream.fdb").toAbsolutePath(), "SYSDBA", "masterkey");
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM USER_SESSIONS s JOIN SITES t ON t.ID = s.SITE_ID WHERE t.NAME = ?")) {
            for (Map.Entry<String, Integer> e : pushedSessions.entrySet()) {
                count.setString(1, e.getKey());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("sessions of %s", e.getKey()).isEqualTo(e.getValue());
                }
            }
        }
    }

    record Run(int exitCode, String output) {
    }

    /** simulator/amqp_push.py as a site runs it, with the external broker's account {@code ream}. */
    private static Run amqpPush(String site, String brokerPassword, Path payload) throws Exception {
        Process client = new ProcessBuilder(PYTHON.toString(), AMQP_CLIENT.toString(), "--url", "amqp://127.0.0.1:" + brokerPort, "--site", site,
                "--password", COMMUNICATION_PASSWORD, "--broker-user", "ream", "--broker-password", brokerPassword, "--timeout", "20",
                payload.toString()).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).as("the AMQP client ends: %s", output).isTrue();
        return new Run(client.exitValue(), output);
    }

    /** A simulated site registered on the server the way a site does it (signed with the communication password). */
    private static ActivityGenerator registeredSite(int index) throws Exception {
        assertThat(server).as("the server of the first test").isNotNull();
        ActivityGenerator site = new ActivityGenerator(SiteSpec.of(index, 31, 2, 5, 1));
        new CentralClient(URI.create("http://127.0.0.1:" + server.port()), RequestSigner.withPassword(COMMUNICATION_PASSWORD))
                .register(site.spec().name(), "127.0.0.1", 8093);
        return site;
    }

    /** Waits until the Sites list shows the site's payload received and loaded. */
    private static void awaitReplicated(String siteName) {
        AtomicReference<String> last = new AtomicReference<>("(not listed)");
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                HttpResponse<String> sites = server.call("GET", "/api/sites", session, null);
                assertThat(sites.statusCode()).as(sites.body()).isEqualTo(200);
                for (JsonNode s : JSON.readTree(sites.body())) {
                    if (siteName.equals(s.path("name").asText())) {
                        last.set(s.toString());
                        return "OK".equals(s.path("replicationStatus").asText()) && "OK".equals(s.path("downloadStatus").asText());
                    }
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("site " + siteName + " was not replicated within 60 s; last seen: " + last.get() + "\n" + server.output(), e);
        }
    }

    @Test
    @Order(5)
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
