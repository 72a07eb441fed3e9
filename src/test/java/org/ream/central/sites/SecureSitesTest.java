package org.ream.central.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.replication.ReplicationRuns;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;
import org.ream.central.sitesim.ActivityGenerator;
import org.ream.central.sitesim.RequestCheck;
import org.ream.central.sitesim.SiteServer;
import org.ream.central.sitesim.SiteSpec;

/**
 * Sites with "secure connection" on, over HTTPS with certificates of their own making: one the
 * administrator put in the sites' trust store is checked and downloaded from; one nobody
 * vouched for is never talked to.
 */
@QuarkusTest
@TestProfile(SecureSitesTest.WithTrustStore.class)
class SecureSitesTest {

    public static final class WithTrustStore implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SiteCertificates.class));
        }
    }

    static final String PASSWORD = "secure-site-secret";

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    SiteStatusProbe probe;

    @Inject
    ReplicationRuns runs;

    long site(SiteServer server, SiteSpec spec) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, spec.name(), "127.0.0.1", server.port(), true, true, "UNKNOWN", Instant.now());
        return id;
    }

    @Test
    void aSiteWhoseCertificateIsTrustedIsReachedOverHttpsAndOneNobodyVouchedForIsNot() throws Exception {
        settings.write(Map.of("security.communicationPassword", PASSWORD), Actor.SYSTEM, "site password of the test", null);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        SiteSpec trustedSpec = SiteSpec.of(7101, 5, 4, 10, 1);
        SiteSpec strangerSpec = SiteSpec.of(7102, 5, 4, 10, 1);
        SiteServer trusted = SiteServer.https(new ActivityGenerator(trustedSpec), new InetSocketAddress("127.0.0.1", 0), executor,
                RequestCheck.signedFor(trustedSpec.name(), PASSWORD), SiteCertificates.serverContext("trusted")).start();
        SiteServer stranger = SiteServer.https(new ActivityGenerator(strangerSpec), new InetSocketAddress("127.0.0.1", 0), executor,
                RequestCheck.signedFor(strangerSpec.name(), PASSWORD), SiteCertificates.serverContext("stranger")).start();
        try {
            long good = site(trusted, trustedSpec);
            long bad = site(stranger, strangerSpec);
            assertThat(probe.check(good)).isEqualTo(SiteStatus.READY);
            assertThat(probe.check(bad)).isEqualTo(SiteStatus.UNREACHABLE);
            assertThat(stranger.exports()).isZero();

            ReplicationRuns.DownloadSummary s = runs.downloadAll(List.of(good, bad));
            assertThat(s.payloads()).isEqualTo(1);
            assertThat(s.problems()).singleElement().asString().startsWith(strangerSpec.name());
            assertThat(stranger.exports()).as("no request reached the untrusted site").isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", good) > 0);
        } finally {
            trusted.close();
            stranger.close();
            executor.shutdownNow();
        }
    }
}
