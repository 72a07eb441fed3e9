package org.ream.central.replication.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.SystemLog;
import org.ream.central.mail.BrokerQueues;
import org.ream.central.messaging.Broker;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.IncomingPayloads;
import org.ream.central.replication.payload.SiteKeys;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;
import org.ream.central.sitesim.ActivityGenerator;
import org.ream.central.sitesim.Misbehaviour;
import org.ream.central.sitesim.NdjsonPayloadOut;
import org.ream.central.sitesim.QueuePusher;
import org.ream.central.sitesim.RequestSigner;
import org.ream.central.sitesim.SiteSpec;

/**
 * The push path of replication with real parts: simulated sites log in on the embedded broker's
 * site acceptor with their broker token and push signed payloads to replication.payloads;
 * route replication-receive stores, records and queues them, replication-load loads them. Bad
 * messages are consumed without loading anything, with the reason in the system log.
 */
@QuarkusTest
class PushReplicationTest {

    static final String PASSWORD = "push-communication-secret";
    static final List<String> TYPES = List.of("session", "printer");

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    SystemLog systemLog;

    @Inject
    Broker broker;

    @Inject
    IncomingPayloads incoming;

    @Inject
    @Named("jmsConnectionFactory")
    ConnectionFactory serverConnections;

    String previousPassword;

    @BeforeEach
    void password() {
        previousPassword = settings.get("security.communicationPassword");
        settings.write(Map.of("security.communicationPassword", PASSWORD), Actor.SYSTEM, "site password of the push test", null);
    }

    @AfterEach
    void restore() {
        settings.write(Map.of("security.communicationPassword", previousPassword), Actor.SYSTEM, "restored after the push test", null);
    }

    record Site(long id, ActivityGenerator generator) {
        String name() {
            return generator.spec().name();
        }
    }

    Site site(int days) {
        SiteSpec spec = SiteSpec.of((int) (Math.abs(System.nanoTime()) % 1_000_000), 23, 3, 6, days);
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, spec.name(), "127.0.0.1", 8093, false, true, "READY", Instant.now());
        return new Site(id, new ActivityGenerator(spec));
    }

    String acceptorUrl() {
        return "tcp://127.0.0.1:" + broker.siteAcceptorPort().orElseThrow() + "?reconnectAttempts=0&initialConnectAttempts=1";
    }

    String column(String column, long siteId) {
        return databases.mainJdbc().one("SELECT " + column + " FROM SITES WHERE ID = ?", rs -> rs.getString(1), siteId).map(String::trim).orElse(null);
    }

    long count(String sql, Object... args) {
        return databases.mainJdbc().count(sql, args);
    }

    long logged(String context, String like) {
        systemLog.flush();
        return databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE LOG_CONTEXT = ? AND MSG_TEXT LIKE ?", context, like);
    }

    byte[] payload(Site site, int k) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        site.generator().writeBatch(k, TYPES, new NdjsonPayloadOut(out));
        return out.toByteArray();
    }

    String batchOf(Site site, int k) {
        return site.generator().header(k, TYPES).batch();
    }

    byte[] key(String site) {
        return SiteKeys.deriveKey(PASSWORD, site);
    }

    /** Sends a message of our own making with the server's own connection (as an external broker would deliver it). */
    void sendAsServer(String site, String batch, String signature, byte[] body) throws Exception {
        try (JMSContext jms = serverConnections.createContext(Session.AUTO_ACKNOWLEDGE)) {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes(body);
            m.setStringProperty("site", site);
            if (batch != null) {
                m.setStringProperty("batch", batch);
            }
            if (signature != null) {
                m.setStringProperty("signature", signature);
            }
            jms.createProducer().send(jms.createQueue(QueuePusher.QUEUE), m);
        }
    }

    void awaitRefused(String context, String reason) {
        await().atMost(Duration.ofSeconds(30)).until(() -> logged(context, "%was refused: " + reason + "%") == 1);
    }

    void assertNothingStored(Site site) throws Exception {
        assertThat(count("SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ?", site.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", site.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM PRINTERS WHERE SITE_ID = ?", site.id())).isZero();
        Path folder = incoming.folder(site.id());
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.toList()).as("files kept for a refused payload").isEmpty();
            }
        }
    }

    @Test
    void aSitePushesItsDaysWithItsBrokerTokenAndTheyAreStoredAndLoaded() throws Exception {
        Site site = site(2);
        try (QueuePusher pusher = new QueuePusher(acceptorUrl(), null, null, RequestSigner.withPassword(PASSWORD))) {
            pusher.push(site.generator(), 1, TYPES, Misbehaviour.NONE);
            pusher.push(site.generator(), 2, TYPES, Misbehaviour.NONE);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND STATUS = 'LOADED'",
                site.id()) == 2 && "OK".equals(column("REPLICATION_STATUS", site.id())));
        long sessions = site.generator().sessionCount(1) + site.generator().sessionCount(2);
        assertThat(count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", site.id())).isEqualTo(sessions);
        assertThat(count("SELECT COUNT(*) FROM PRINTERS WHERE SITE_ID = ?", site.id())).isEqualTo(3);
        assertThat(databases.mainJdbc().query("SELECT BATCH_KEY FROM REPLICATION_BATCHES WHERE SITE_ID = ? ORDER BY DOWNLOADED_AT, ID",
                rs -> rs.getString(1), site.id())).containsExactly(batchOf(site, 1), batchOf(site, 2));
        assertThat(column("DOWNLOAD_STATUS", site.id())).isEqualTo("OK");
        assertThat(column("LAST_DOWNLOADED_AT", site.id())).isNotNull();
        assertThat(column("LAST_REPLICATED_AT", site.id())).isNotNull();
        try (Stream<Path> files = Files.list(incoming.folder(site.id()))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(2).allMatch(n -> n.startsWith("push-") && n.endsWith(".ndjson.gz"));
        }
        assertThat(logged(site.name(), "Payload " + batchOf(site, 1) + " pushed by site " + site.name() + " was stored (%")).isEqualTo(1);
    }

    @Test
    void theSamePayloadPushedTwiceIsLoadedOnce() throws Exception {
        Site site = site(1);
        try (QueuePusher pusher = new QueuePusher(acceptorUrl(), null, null, RequestSigner.withPassword(PASSWORD))) {
            pusher.push(site.generator(), 1, TYPES, Misbehaviour.DUPLICATES); // the same message twice
        }
        String batch = batchOf(site, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> logged(site.name(), "Payload " + batch + " of site " + site.name()
                + " was pushed again and ignored%") == 1
                && count("SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND STATUS = 'LOADED'", site.id()) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> BrokerQueues.depth("replication.loads") == 0 && BrokerQueues.depth(QueuePusher.QUEUE) == 0);
        // A second load would have found every row in place and counted no insert.
        assertThat(count("SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ? AND INSERTED_COUNT > 0", site.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", site.id())).isEqualTo(site.generator().sessionCount(1));
    }

    @Test
    void aPayloadThatIsNotWholeIsRefusedAndNothingOfItIsLoaded() throws Exception {
        Site corrupt = site(1);
        Site truncated = site(1);
        try (QueuePusher pusher = new QueuePusher(acceptorUrl(), null, null, RequestSigner.withPassword(PASSWORD))) {
            pusher.push(corrupt.generator(), 1, TYPES, Misbehaviour.CORRUPT_LINE);
            pusher.push(truncated.generator(), 1, TYPES, Misbehaviour.TRUNCATED);
        }
        awaitRefused(corrupt.name(), "the body is not a readable payload: line 2:");
        awaitRefused(truncated.name(), "the body is not a readable payload:");
        for (Site s : List.of(corrupt, truncated)) {
            assertNothingStored(s);
            assertThat(column("DOWNLOAD_STATUS", s.id())).isEqualTo("ERROR");
            assertThat(column("REPLICATION_STATUS", s.id())).isNull();
        }
    }

    @Test
    void aBadSignatureAnUnknownSiteAndAHeaderOfAnotherBatchAreRefused() throws Exception {
        Site badSignature = site(1);
        Site otherBatch = site(1);
        Site unsigned = site(1);
        String unknown = "No-such-site-" + System.nanoTime();

        // The site logs in with the right token but signs with another password.
        RequestSigner right = RequestSigner.withPassword(PASSWORD);
        RequestSigner wrong = RequestSigner.withPassword("not-the-communication-password");
        RequestSigner mixed = new RequestSigner() {
            @Override
            public Map<String, String> headers(String site, String method, String pathAndQuery, byte[] body) {
                return wrong.headers(site, method, pathAndQuery, body);
            }

            @Override
            public String bodySignature(String site, byte[] body) {
                return wrong.bodySignature(site, body);
            }

            @Override
            public String brokerToken(String site) {
                return right.brokerToken(site);
            }
        };
        try (QueuePusher pusher = new QueuePusher(acceptorUrl(), null, null, mixed)) {
            pusher.push(badSignature.generator(), 1, TYPES, Misbehaviour.NONE);
        }
        byte[] body = payload(otherBatch, 1);
        sendAsServer(otherBatch.name(), "another-batch", SiteKeys.signBody(key(otherBatch.name()), body), body);
        byte[] unsignedBody = payload(unsigned, 1);
        sendAsServer(unsigned.name(), batchOf(unsigned, 1), null, unsignedBody);
        sendAsServer(unknown, "b-1", SiteKeys.signBody(key(unknown), body), body);

        awaitRefused(badSignature.name(), "the signature does not match the body");
        awaitRefused(otherBatch.name(), "the payload's header names batch '" + batchOf(otherBatch, 1) + "', the message batch 'another-batch'");
        awaitRefused(unsigned.name(), "the message has no signature property");
        await().atMost(Duration.ofSeconds(30)).until(() -> logged(unknown, "%was refused: no site of that name is known%") == 1);
        for (Site s : List.of(badSignature, otherBatch, unsigned)) {
            assertNothingStored(s);
            assertThat(column("DOWNLOAD_STATUS", s.id())).isEqualTo("ERROR");
        }
        assertThat(count("SELECT COUNT(*) FROM SITES WHERE NAME = ?", unknown)).isZero();
        // Consumed, not rolled back for redelivery: nothing waits on the queue or in its dead-letter queue.
        await().atMost(Duration.ofSeconds(30)).until(() -> BrokerQueues.depth(QueuePusher.QUEUE) == 0);
        assertThat(BrokerQueues.depth("DLQ." + QueuePusher.QUEUE)).isZero();
    }

    @Test
    void aPayloadThatCannotBeStoredIsRedeliveredAndLoadedOnceTheDiskIsBack() throws Exception {
        Site site = site(1);
        // A file where the site's folder goes: storing fails like a full or broken disk.
        Path folder = incoming.folder(site.id());
        Files.createDirectories(folder.getParent());
        Files.writeString(folder, "in the way");
        try {
            try (QueuePusher pusher = new QueuePusher(acceptorUrl(), null, null, RequestSigner.withPassword(PASSWORD))) {
                pusher.push(site.generator(), 1, TYPES, Misbehaviour.NONE);
            }
            // Rolled back: the message waits for its redelivery, nothing is recorded.
            String failure = "%Cannot store payload " + batchOf(site, 1) + " of site " + site.name() + "%";
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                systemLog.flush();
                return databases.logJdbc().count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE MSG_TEXT LIKE ?", failure) > 0;
            });
            assertThat(BrokerQueues.depth(QueuePusher.QUEUE)).as("the message, scheduled for its redelivery").isPositive();
            assertThat(count("SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ?", site.id())).isZero();
        } finally {
            Files.delete(folder);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "OK".equals(column("REPLICATION_STATUS", site.id())));
        assertThat(count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", site.id())).isEqualTo(site.generator().sessionCount(1));
        assertThat(column("DOWNLOAD_STATUS", site.id())).isEqualTo("OK");
    }

    @Test
    void theSiteAcceptorRefusesAWrongTokenAndLetsASiteOnlySendToThePushQueue() throws Exception {
        Site site = site(1);
        String url = acceptorUrl();
        try (QueuePusher pusher = new QueuePusher(url, null, null, RequestSigner.withPassword("not-the-communication-password"))) {
            assertThatThrownBy(() -> pusher.push(site.generator(), 1, TYPES, Misbehaviour.NONE)).isInstanceOf(JMSSecurityException.class);
        }
        assertThat(logged(site.name(), "The broker refused the login of site '" + site.name() + "' from %: the password is not the site's broker token%"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ?", site.id())).isZero();

        String token = SiteKeys.brokerToken(key(site.name()));
        try (ActiveMQConnectionFactory network = new ActiveMQConnectionFactory(url)) {
            // No login, a login as the server's own user, an unknown site: all refused.
            assertThatThrownBy(() -> network.createContext().close()).isInstanceOf(JMSSecurityRuntimeException.class);
            assertThatThrownBy(() -> network.createContext("ream-central", token).close()).isInstanceOf(JMSSecurityRuntimeException.class);
            assertThatThrownBy(() -> network.createContext("No-such-site-" + System.nanoTime(), token).close())
                    .isInstanceOf(JMSSecurityRuntimeException.class);
            // The site itself: it may send to replication.payloads, nothing else.
            try (JMSContext jms = network.createContext(site.name(), token)) {
                assertThatThrownBy(() -> jms.createConsumer(jms.createQueue(QueuePusher.QUEUE)).close()).isInstanceOf(JMSSecurityRuntimeException.class);
                assertThatThrownBy(() -> jms.createBrowser(jms.createQueue("notification.email")).getEnumeration().hasMoreElements())
                        .isInstanceOfAny(JMSSecurityException.class, JMSSecurityRuntimeException.class);
                assertThatThrownBy(() -> jms.createProducer().send(jms.createQueue("notification.email"), "{}"))
                        .isInstanceOf(JMSSecurityRuntimeException.class);
            }
        }
        try (QueuePusher pusher = new QueuePusher(url, null, null, RequestSigner.withPassword(PASSWORD))) {
            pusher.push(site.generator(), 1, TYPES, Misbehaviour.NONE);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "OK".equals(column("REPLICATION_STATUS", site.id())));
    }
}
