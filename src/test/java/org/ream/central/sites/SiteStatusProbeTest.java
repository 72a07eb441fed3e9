package org.ream.central.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ream.central.scheduling.Api;

/** A site stands in as a JDK HTTP server answering the status call; it checks the central server's signature. */
@QuarkusTest
class SiteStatusProbeTest {

    @Inject
    SiteStatusProbe probe;

    HttpServer stub;
    final CountDownLatch release = new CountDownLatch(1);
    volatile int code;
    volatile String body;
    volatile String refusal = "not called";

    @AfterEach
    void stop() {
        release.countDown();
        if (stub != null) {
            stub.stop(0);
        }
    }

    long siteAnswering(String site, boolean hang) throws Exception {
        SiteSignature verifier = new SiteSignature(Clock.systemUTC());
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.setExecutor(Executors.newCachedThreadPool());
        stub.createContext("/ream-site/v1/status", ex -> {
            refusal = verifier.refusal(SiteSignature.siteName(ex.getRequestHeaders().getFirst(SiteSignature.SITE_HEADER)), "probe-secret", ex.getRequestMethod(),
                    ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst(SiteSignature.TIMESTAMP_HEADER),
                    ex.getRequestHeaders().getFirst(SiteSignature.NONCE_HEADER), ex.getRequestHeaders().getFirst(SiteSignature.SIGNATURE_HEADER), new byte[0])
                    .orElse(null);
            if (hang) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        stub.start();
        return Api.admin().body(Map.of("name", site, "address", "127.0.0.1", "port", stub.getAddress().getPort(), "secure", false,
                "communicationPassword", "probe-secret")).post("/api/sites").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void answersMapToTheManualsStatuses() throws Exception {
        long id = siteAnswering("Status " + UUID.randomUUID(), false);
        code = 200;
        body = "1";
        Api.admin().post("/api/sites/" + id + "/status").then().statusCode(200).body("status", equalTo("READY"));
        assertThat(refusal).isNull();
        Api.admin().get("/api/sites").then().statusCode(200).body("find { it.id == " + id + "L }.status", equalTo("READY"));
        body = "0";
        assertThat(probe.check(id)).isEqualTo(SiteStatus.ERROR);
        code = 404;
        body = "";
        assertThat(probe.check(id)).isEqualTo(SiteStatus.UNKNOWN);
        code = 503;
        assertThat(probe.check(id)).isEqualTo(SiteStatus.ERROR);
        Api.admin().get("/api/sites/" + id).then().statusCode(200).body("status", equalTo("ERROR"));
    }

    /** The periodic check (route sites-status-check) asks every enabled site and records what it answers. */
    @Test
    void thePeriodicCheckAsksEveryEnabledSite() throws Exception {
        long id = siteAnswering("Periodic " + UUID.randomUUID(), false);
        code = 200;
        body = "1";
        databases.mainJdbc().update("UPDATE SITES SET STATUS = ? WHERE ID = ?", "UNKNOWN", id);
        assertThat(probe.checkEnabled()).isPositive();
        assertThat(status(id)).isEqualTo("READY");
        assertThat(refusal).isNull();

        databases.mainJdbc().update("UPDATE SITES SET STATUS = ?, ENABLED = ? WHERE ID = ?", "UNKNOWN", false, id);
        refusal = "not called";
        probe.checkEnabled();
        assertThat(refusal).as("a disabled site is not asked").isEqualTo("not called");
        assertThat(status(id)).isEqualTo("UNKNOWN");
        assertThat(probe.checkAll()).as("the tests' period is 0: the route's check is off").isZero();
    }

    @Inject
    org.ream.central.persistence.Databases databases;

    String status(long id) {
        return databases.mainJdbc().one("SELECT STATUS FROM SITES WHERE ID = ?", rs -> rs.getString(1), id).map(String::trim).orElse(null);
    }

    @Test
    void noAnswerWithinTheTimeOutIsUnreachable() throws Exception {
        long id = siteAnswering("Slow " + UUID.randomUUID(), true);
        code = 200;
        body = "1";
        assertThat(probe.check(id, Duration.ofMillis(300))).isEqualTo(SiteStatus.UNREACHABLE);
        stub.stop(0);
        stub = null;
        assertThat(probe.check(id, Duration.ofMillis(300))).isEqualTo(SiteStatus.UNREACHABLE);
    }

    @Test
    void managementValidationNamesTheFields() throws Exception {
        long id = siteAnswering("Edit " + UUID.randomUUID(), false);
        Api.admin().body(Map.of("clientRanges", List.of("10.0.0.0/8", "10.1.0.1/16"), "excludedRanges", List.of("nope"), "description", "x".repeat(1001)))
                .put("/api/sites/" + id).then().statusCode(400).body("fields.clientRanges", containsString("10.1.0.0/16"))
                .body("fields.excludedRanges", containsString("not an IP address")).body("fields.description", containsString("1000"));
        Api.admin().body(Map.of("rights", List.of(Map.of("userId", 1, "rights", List.of("FLY"))))).put("/api/sites/" + id).then().statusCode(400)
                .body("fields.rights", containsString("FLY"));
        Api.admin().body(Map.of("syncGroups", List.of(-5))).put("/api/sites/" + id).then().statusCode(400).body("fields.syncGroups", containsString("-5"));
        Api.admin().body(Map.of("description", "Second floor", "clientRanges", List.of("192.168.1.10-192.168.1.99"))).put("/api/sites/" + id).then()
                .statusCode(200).body("description", equalTo("Second floor")).body("clientRanges", equalTo(List.of("192.168.1.10-192.168.1.99")));
        long other = Api.admin().body(Map.of("name", "Copy " + UUID.randomUUID(), "address", "127.0.0.1", "port", 1)).post("/api/sites").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Api.admin().body(Map.of("sourceId", id, "targetIds", List.of(other), "syncGroups", false, "rights", false)).post("/api/sites/duplicate").then()
                .statusCode(400).body("fields.settings", containsString("choose"));
        Api.admin().body(Map.of("sourceId", id, "targetIds", List.of(other), "syncGroups", true, "rights", true)).post("/api/sites/duplicate").then()
                .statusCode(204);
        Api.admin().delete("/api/sites/" + other).then().statusCode(204);
        Api.admin().get("/api/sites/" + other).then().statusCode(404);
    }
}
