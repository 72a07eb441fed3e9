package org.ream.central.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;
import org.ream.central.sitesim.ActivityGenerator;
import org.ream.central.sitesim.Misbehaviour;
import org.ream.central.sitesim.RequestCheck;
import org.ream.central.sitesim.SiteServer;
import org.ream.central.sitesim.SiteSpec;

/**
 * Both phases against simulated sites over real HTTP, signed both ways: download into the data
 * folder, load from the replication.loads queue; a failing site does not stop the others.
 */
@QuarkusTest
class ReplicationPipelineTest {

    static final String PASSWORD = "site-communication-secret";

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    ReplicationRuns runs;

    ExecutorService executor;

    @BeforeEach
    void password() {
        settings.write(Map.of("security.communicationPassword", PASSWORD), Actor.SYSTEM, "site password of the test", null);
        executor = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    record Site(long id, SiteServer server, SiteSpec spec) {
    }

    Site site(Misbehaviour mode) throws java.io.IOException {
        SiteSpec spec = SiteSpec.of((int) (Math.abs(System.nanoTime()) % 1_000_000), 11, 4, 12, 2);
        SiteServer server = new SiteServer(new ActivityGenerator(spec), new InetSocketAddress("127.0.0.1", 0), executor,
                RequestCheck.signedFor(spec.name(), PASSWORD)).start();
        server.misbehave(mode, false);
        return new Site(register(spec, server), server, spec);
    }

    /** The SITES row of a simulated site listening on 127.0.0.1. */
    long register(SiteSpec spec, SiteServer server) {
        long id = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, spec.name(), "127.0.0.1", server.port(), false, true, "UNKNOWN", Instant.now());
        return id;
    }

    String column(String column, long siteId) {
        return databases.mainJdbc().one("SELECT " + column + " FROM SITES WHERE ID = ?", rs -> rs.getString(1), siteId).map(String::trim).orElse(null);
    }

    long sessions(long siteId) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", siteId);
    }

    @Test
    void goodSitesAreDownloadedAndLoadedWhileFailingOnesShowTheirError() throws Exception {
        Site good = site(Misbehaviour.NONE);
        Site broken = site(Misbehaviour.ERROR_500);
        Site corrupt = site(Misbehaviour.CORRUPT_LINE);
        try {
            ReplicationRuns.DownloadSummary s = runs.downloadAll(List.of(good.id(), broken.id(), corrupt.id()));
            assertThat(s.payloads()).isGreaterThanOrEqualTo(2); // the good site's two days, the corrupt site's payloads
            assertThat(s.problems()).anyMatch(p -> p.startsWith(broken.spec().name()));

            await().atMost(Duration.ofSeconds(60)).until(() -> "OK".equals(column("REPLICATION_STATUS", good.id())));
            assertThat(sessions(good.id())).isPositive();
            assertThat(column("STATUS", good.id())).isEqualTo("READY");
            assertThat(column("DOWNLOAD_STATUS", good.id())).isEqualTo("OK");

            assertThat(column("STATUS", broken.id())).isEqualTo("ERROR");
            assertThat(column("DOWNLOAD_STATUS", broken.id())).isEqualTo("ERROR");

            await().atMost(Duration.ofSeconds(60)).until(() -> "ERROR".equals(column("REPLICATION_STATUS", corrupt.id())));
            assertThat(sessions(corrupt.id())).as("nothing of a corrupt payload is loaded").isZero();

            // The next run asks after the last cursor: nothing new, nothing changes.
            long before = sessions(good.id());
            ReplicationRuns.DownloadSummary again = runs.downloadAll(List.of(good.id()));
            assertThat(again.payloads()).isZero();
            assertThat(sessions(good.id())).isEqualTo(before);
        } finally {
            good.server().close();
            broken.server().close();
            corrupt.server().close();
        }
    }

    @Test
    void aWrongCommunicationPasswordIsRefusedByTheSite() throws Exception {
        Site site = site(Misbehaviour.NONE);
        try {
            settings.write(Map.of("security.communicationPassword", "not-the-site-password"), Actor.SYSTEM, "wrong password", null);
            ReplicationRuns.DownloadSummary s = runs.downloadAll(List.of(site.id()));
            assertThat(s.payloads()).isZero();
            assertThat(s.problems()).anyMatch(p -> p.contains("401"));
            assertThat(column("DOWNLOAD_STATUS", site.id())).isEqualTo("ERROR");
        } finally {
            site.server().close();
        }
    }

    @Inject
    org.ream.central.users.UserDirectory users;

    /**
     * "Load again" (POST /api/replication/reload) brings the stored payloads back through the
     * loader: nothing changes, the progress says so; rows kept by a user name the central server
     * did not know are linked once that user exists, when the load queue is empty again.
     */
    @Test
    void storedPayloadsLoadAgainWithoutChangeAndRowsOfNewUsersAreLinked() throws Exception {
        Site site = site(Misbehaviour.NONE);
        try {
            runs.downloadAll(List.of(site.id()));
            await().atMost(Duration.ofSeconds(60)).until(() -> "OK".equals(column("REPLICATION_STATUS", site.id())));
            long rows = sessions(site.id());
            String name = databases.mainJdbc().one("SELECT MIN(USER_NAME) FROM USER_SESSIONS WHERE SITE_ID = ? AND USER_ID IS NULL",
                    rs -> rs.getString(1), site.id()).orElseThrow();
            long userId = users.create(new org.ream.central.users.UserInput(name, "Replicated " + name, List.of(), List.of(), null, null, null, null,
                    null, null, false, null), Actor.SYSTEM);

            Instant since = Instant.now().minusMillis(1);
            int queued = org.ream.central.scheduling.Api.admin().body("{\"sites\":[" + site.id() + "]}").post("/api/replication/reload")
                    .then().statusCode(200).extract().path("queued");
            assertThat(queued).isEqualTo(2);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<String, Object> p = org.ream.central.scheduling.Api.admin().queryParam("since", since.toString()).get("/api/replication/status")
                        .then().statusCode(200).extract().as(Map.class);
                return ((Number) p.get("waiting")).intValue() == 0 && ((Map<?, ?>) p.get("payloads")).get("LOADED") instanceof Number n
                        && n.intValue() >= 2;
            });
            Map<String, Object> progress = org.ream.central.scheduling.Api.admin().queryParam("since", since.toString()).get("/api/replication/status")
                    .then().statusCode(200).extract().as(Map.class);
            assertThat(((Number) progress.get("inserted")).longValue()).isZero();
            assertThat(((Number) progress.get("updated")).longValue()).isZero();
            assertThat(((Number) progress.get("processed")).longValue()).isGreaterThanOrEqualTo(rows);
            assertThat(sessions(site.id())).isEqualTo(rows);
            await().atMost(Duration.ofSeconds(30)).until(() -> databases.mainJdbc().count(
                    "SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ? AND USER_NAME = ? AND USER_ID = ?", site.id(), name, userId) > 0);
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ? AND USER_NAME = ? AND USER_ID IS NULL",
                    site.id(), name)).isZero();

            org.ream.central.scheduling.Api.admin().queryParam("since", "yesterday").get("/api/replication/status").then().statusCode(400);
        } finally {
            site.server().close();
        }
    }

    /**
     * Manual 6.9: price lists skipped while switched off are replicated once switched on again:
     * each site is asked for them from its beginning, once, beside its regular cursor.
     */
    @Test
    void priceListsSwitchedOnAgainAreAskedFromTheSitesBeginning() throws Exception {
        String before = settings.get("replication.priceLists");
        Site site = site(Misbehaviour.NONE);
        try {
            settings.update("replication", Map.of("replication.priceLists", "false"), Actor.SYSTEM);
            runs.downloadAll(List.of(site.id()));
            await().atMost(Duration.ofSeconds(60)).until(() -> "OK".equals(column("REPLICATION_STATUS", site.id())));
            assertThat(sessions(site.id())).isPositive();
            assertThat(priceLists(site.id())).as("not asked while switched off").isZero();

            settings.update("replication", Map.of("replication.priceLists", "true"), Actor.SYSTEM);
            assertThat(column("CATCHUP_TYPES", site.id())).isEqualTo("priceList");
            long sessionsBefore = sessions(site.id());
            ReplicationRuns.DownloadSummary s = runs.downloadAll(List.of(site.id()));
            assertThat(s.problems()).isEmpty();
            assertThat(s.payloads()).as("both days again, price lists only").isEqualTo(2);
            await().atMost(Duration.ofSeconds(60)).until(() -> priceLists(site.id()) > 0
                    && "OK".equals(column("REPLICATION_STATUS", site.id())));
            assertThat(column("CATCHUP_TYPES", site.id())).isNull();
            assertThat(sessions(site.id())).isEqualTo(sessionsBefore);

            // Caught up, and the regular cursor did not move back: nothing new to ask.
            assertThat(runs.downloadAll(List.of(site.id())).payloads()).isZero();
        } finally {
            settings.write(Map.of("replication.priceLists", before == null ? "true" : before), Actor.SYSTEM, "restored by the test", null);
            site.server().close();
        }
    }

    long priceLists(long siteId) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM PRICE_LISTS WHERE SITE_ID = ?", siteId);
    }

    /** What a download receives must be the site's own: a payload without the site's signature in its trailer is refused, nothing is stored. */
    @Test
    void aPayloadTheSiteDidNotSignIsRefusedAtDownload() throws Exception {
        SiteSpec spec = SiteSpec.of((int) (Math.abs(System.nanoTime()) % 1_000_000), 11, 4, 12, 2);
        RequestCheck signed = RequestCheck.signedFor(spec.name(), PASSWORD);
        RequestCheck acceptsButDoesNotSign = signed::refusal; // same checks, no key for the payloads
        SiteServer server = new SiteServer(new ActivityGenerator(spec), new InetSocketAddress("127.0.0.1", 0), executor, acceptsButDoesNotSign).start();
        long id = register(spec, server);
        try {
            ReplicationRuns.DownloadSummary s = runs.downloadAll(List.of(id));
            assertThat(s.payloads()).isZero();
            assertThat(s.problems()).singleElement().asString().contains("not signed by the site");
            assertThat(column("DOWNLOAD_STATUS", id)).isEqualTo("ERROR");
            assertThat(column("STATUS", id)).isEqualTo("ERROR");
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM REPLICATION_BATCHES WHERE SITE_ID = ?", id)).isZero();
            assertThat(sessions(id)).isZero();
        } finally {
            server.close();
        }
    }
}
