package org.ream.central.sites;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.persistence.Databases;
import org.ream.central.scheduling.Api;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class SiteApiTest {

    static final String PASSWORD = "central-secret";
    final SiteSignature signer = new SiteSignature(Clock.systemUTC());

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @BeforeEach
    void systemPassword() {
        if (!PASSWORD.equals(settings.get(SiteKeyring.SYSTEM_PASSWORD))) {
            settings.write(Map.of(SiteKeyring.SYSTEM_PASSWORD, PASSWORD), Actor.SYSTEM, "test", "test");
        }
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    Response signed(String site, String password, String method, String pathAndQuery, String body, Map<String, String> headers) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = headers != null ? headers : signer.headers(site, password, method, pathAndQuery, bytes);
        var spec = given().urlEncodingEnabled(false).headers(h);
        if (body != null) {
            spec = spec.contentType("application/json").body(bytes);
        }
        return spec.request(method, pathAndQuery);
    }

    Response signed(String site, String method, String pathAndQuery, String body) {
        return signed(site, PASSWORD, method, pathAndQuery, body, null);
    }

    static String registration(String site, String address) {
        return "{\"name\":\"" + site + "\",\"address\":\"" + address + "\",\"port\":8093,\"secure\":true,\"version\":\"10.1\","
                + "\"licences\":{\"embedded\":3,\"embeddedLite\":1}}";
    }

    long register(String site) {
        return signed(site, "POST", "/site-api/v1/register", registration(site, "site.example.org")).then().statusCode(200).extract().jsonPath()
                .getLong("siteId");
    }

    String address(String site) {
        return databases.mainJdbc().one("SELECT ADDRESS FROM SITES WHERE NAME = ?", rs -> rs.getString(1), site).orElse(null);
    }

    long user(String name, List<String> cards) {
        return Api.admin().body(Map.of("username", name, "fullName", name, "cards", cards)).post("/api/users").then().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    /** Pulls every page from {@code since}; returns the items and the last next. */
    List<Map<String, Object>> pullAll(String site, long since, long[] next) {
        List<Map<String, Object>> all = new ArrayList<>();
        long s = since;
        boolean more = true;
        while (more) {
            JsonPath page = signed(site, "GET", "/site-api/v1/users?since=" + s + "&limit=500", null).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            s = page.getLong("next");
            more = page.getBoolean("more");
        }
        next[0] = s;
        return all;
    }

    @Test
    void registerAnswersSettingsAndSecondRegistrationUpdates() {
        String site = "Prague " + tag();
        long id = register(site);
        JsonPath again = signed(site, "POST", "/site-api/v1/register", registration(site, "10.0.0.7")).then().statusCode(200).extract().jsonPath();
        assertThat(again.getLong("siteId")).isEqualTo(id);
        assertThat(again.getList("replication.types")).contains("session", "printer");
        assertThat(address(site)).isEqualTo("10.0.0.7");
        Api.admin().get("/api/sites/" + id).then().statusCode(200).body("licences.embedded", equalTo(3)).body("status", equalTo("READY"));
        // The body must name the site the request was signed for.
        signed(site, "POST", "/site-api/v1/register", registration("Other" + tag(), "10.0.0.8")).then().statusCode(400).body("fields.name",
                containsString("signed"));
    }

    @Test
    void forgedStaleReplayedOrUnknownRequestsAreRefusedAndChangeNothing() {
        String site = "Brno " + tag();
        String body = registration(site, "site.example.org");
        signed(site, "wrong-password", "POST", "/site-api/v1/register", body, null).then().statusCode(401);
        assertThat(address(site)).isNull();
        register(site);

        String moved = registration(site, "10.9.9.9");
        byte[] bytes = moved.getBytes(StandardCharsets.UTF_8);
        Map<String, String> stale = new java.util.HashMap<>(signer.headers(site, PASSWORD, "POST", "/site-api/v1/register", bytes));
        String ts = Long.toString(System.currentTimeMillis() - 6 * 60_000);
        stale.put(SiteSignature.TIMESTAMP_HEADER, ts);
        stale.put(SiteSignature.SIGNATURE_HEADER, SiteSignature.sign(SiteSignature.deriveKey(PASSWORD, site),
                SiteSignature.canonical("POST", "/site-api/v1/register", ts, stale.get(SiteSignature.NONCE_HEADER), bytes)));
        signed(site, PASSWORD, "POST", "/site-api/v1/register", moved, stale).then().statusCode(401).body("error", containsString("timestamp"));
        assertThat(address(site)).isEqualTo("site.example.org");

        Map<String, String> once = signer.headers(site, PASSWORD, "GET", "/site-api/v1/users?since=0&limit=1", new byte[0]);
        signed(site, PASSWORD, "GET", "/site-api/v1/users?since=0&limit=1", null, once).then().statusCode(200);
        signed(site, PASSWORD, "GET", "/site-api/v1/users?since=0&limit=1", null, once).then().statusCode(401).body("error", containsString("replay"));
        // Signed for another query: the signature covers the path and query.
        Map<String, String> other = signer.headers(site, PASSWORD, "GET", "/site-api/v1/users?since=0&limit=1", new byte[0]);
        signed(site, PASSWORD, "GET", "/site-api/v1/users?since=0&limit=2", null, other).then().statusCode(401);

        signed("Nowhere " + tag(), "GET", "/site-api/v1/users?since=0&limit=1", null).then().statusCode(401).body("error", containsString("unknown site"));
        given().get("/site-api/v1/users").then().statusCode(401);
        // A web session opens nothing under /site-api/.
        Api.admin().get("/site-api/v1/users").then().statusCode(401);
        Api.admin().body(body).post("/site-api/v1/register").then().statusCode(401);
    }

    @Test
    void usersArePulledIncrementallyWithDeletionsAndSyncGroups() {
        String site = "Ostrava " + tag();
        long siteId = register(site);
        String t = tag();
        long alice = user("alice" + t, List.of("CARD-A" + t));
        long[] next = new long[1];
        List<Map<String, Object>> first = pullAll(site, 0, next);
        assertThat(first).anySatisfy(u -> {
            assertThat(u.get("username")).isEqualTo("alice" + t);
            assertThat(u.get("cards")).isEqualTo(List.of("CARD-A" + t));
        });
        assertThat(first).noneMatch(u -> String.valueOf(u.get("username")).startsWith("*"));

        long bob = user("bob" + t, List.of());
        List<Map<String, Object>> delta = pullAll(site, next[0], next);
        assertThat(delta).extracting(u -> u.get("username")).containsExactly("bob" + t);

        Api.admin().delete("/api/users/" + bob).then().statusCode(200);
        delta = pullAll(site, next[0], next);
        assertThat(delta).singleElement().satisfies(u -> assertThat(u).containsEntry("deleted", true).containsEntry("username", "bob" + t));

        // Sync groups and rights for the site: the next pull starts again and sends only the group's members, with their rights.
        long group = Api.admin().body(Map.of("name", "Floor" + t)).post("/api/groups").then().statusCode(201).extract().jsonPath().getLong("id");
        Api.admin().body(Map.of("userId", alice)).post("/api/groups/" + group + "/members").then().statusCode(200);
        Api.admin().body(Map.of("syncGroups", List.of(group), "rights", List.of(Map.of("groupId", group, "rights", List.of("VIEW_PRINTERS")))))
                .put("/api/sites/" + siteId).then().statusCode(200);
        // The restarted page is lost on its way: asked again after the old change number, it is sent again.
        long old = next[0];
        signed(site, "GET", "/site-api/v1/users?since=" + old + "&limit=1000", null).then().statusCode(200).body("restart", equalTo(true));
        List<Map<String, Object>> resync = pullAll(site, old, next);
        assertThat(resync).extracting(u -> u.get("username")).containsExactly("alice" + t);
        assertThat(resync.get(0)).containsEntry("rights", List.of("VIEW_PRINTERS"));
        assertThat(pullAll(site, next[0], next)).isEmpty();
    }

    /**
     * Change numbers come from a sequence when a row changes, not when it commits: a pull must
     * not pass a change still being written, or that user would never reach the site.
     */
    @Test
    void aPullNeverPassesAChangeStillBeingWritten() throws Exception {
        String site = "Brno " + tag();
        register(site);
        String t = tag();
        long alice = user("alice" + t, List.of());
        long[] next = new long[1];
        pullAll(site, 0, next);

        java.util.concurrent.CompletableFuture<Long> taken = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread slow = new Thread(() -> databases.mainJdbc().inTransaction(c -> {
            long n = databases.newChangeNo();
            org.ream.central.persistence.Jdbc.update(c, "UPDATE USERS SET FULL_NAME = ?, CHANGE_NO = ? WHERE ID = ?", "Alice, renamed", n, alice);
            taken.complete(n);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        slow.start();
        try {
            long held = taken.get(30, java.util.concurrent.TimeUnit.SECONDS);
            user("bob" + t, List.of()); // committed, with a later change number
            assertThat(org.ream.central.persistence.InFlightChanges.settledBelow()).isLessThanOrEqualTo(held);
            assertThat(pullAll(site, next[0], next)).as("nothing past the change in flight").noneMatch(u -> String.valueOf(u.get("username")).endsWith(t));
        } finally {
            release.countDown();
            slow.join(30_000);
        }
        List<Map<String, Object>> after = pullAll(site, next[0], next);
        assertThat(after).extracting(u -> u.get("username")).containsExactly("alice" + t, "bob" + t);
        assertThat(after.get(0)).containsEntry("fullName", "Alice, renamed");
    }

    @Test
    void authoriseRefusesDuplicatesOfNamesAliasesAndCards() {
        String site = "Plzen " + tag();
        register(site);
        String t = tag();
        user("carol" + t, List.of("CARD-C" + t));
        Api.admin().body(Map.of("username", "dave" + t, "fullName", "Dave", "aliases", List.of("dj" + t))).post("/api/users").then().statusCode(201);
        String path = "/site-api/v1/authorise";
        signed(site, "POST", path, "{\"kind\":\"USER\",\"username\":\"carol" + t + "\"}").then().statusCode(200).body("granted", equalTo(false))
                .body("reason", containsString("exists"));
        signed(site, "POST", path, "{\"kind\":\"USER\",\"username\":\"dj" + t + "\"}").then().statusCode(200).body("granted", equalTo(false))
                .body("reason", containsString("alias"));
        signed(site, "POST", path, "{\"kind\":\"USER\",\"username\":\"erin" + t + "\"}").then().statusCode(200).body("granted", equalTo(true));
        signed(site, "POST", path, "{\"kind\":\"USER\",\"username\":\"*erin" + t + "\"}").then().statusCode(200).body("granted", equalTo(false));
        signed(site, "POST", path, "{\"kind\":\"CARD\",\"username\":\"dave" + t + "\",\"card\":\"CARD-C" + t + "\"}").then().statusCode(200)
                .body("granted", equalTo(false)).body("reason", containsString("another user"));
        signed(site, "POST", path, "{\"kind\":\"CARD\",\"username\":\"carol" + t + "\",\"card\":\"CARD-C" + t + "\"}").then().statusCode(200)
                .body("granted", equalTo(true));
        signed(site, "POST", path, "{\"kind\":\"PIN\",\"username\":\"carol" + t + "\",\"pin\":\"12\"}").then().statusCode(200).body("granted", equalTo(false));
        signed(site, "POST", path, "{\"kind\":\"BADGE\",\"username\":\"carol" + t + "\"}").then().statusCode(200).body("granted", equalTo(false));
    }

    @Test
    void communicationPasswordIsSealedAndASiteMayHaveItsOwn() {
        assertThat(databases.mainJdbc().one("SELECT SETTING_VALUE FROM SETTINGS WHERE SETTING_KEY = ?", rs -> rs.getString(1), SiteKeyring.SYSTEM_PASSWORD))
                .hasValueSatisfying(v -> assertThat(v).startsWith("enc:").doesNotContain(PASSWORD));
        assertThat(settings.view("general")).containsEntry(SiteKeyring.SYSTEM_PASSWORD, SettingsStore.SECRET_SET);
        String site = "Own " + tag();
        long id = Api.admin().body(Map.of("name", site, "address", "127.0.0.1", "port", 8093, "communicationPassword", "own-secret"))
                .post("/api/sites").then().statusCode(201).body("communicationPasswordSet", equalTo(true)).body("$", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey("communicationPassword"))).extract().jsonPath().getLong("id");
        signed(site, "GET", "/site-api/v1/users?since=0&limit=1", null).then().statusCode(401);
        signed(site, "own-secret", "GET", "/site-api/v1/users?since=0&limit=1", null, null).then().statusCode(200);
        Api.admin().body(Map.of("communicationPassword", "")).put("/api/sites/" + id).then().statusCode(200).body("communicationPasswordSet", equalTo(false));
        signed(site, "GET", "/site-api/v1/users?since=0&limit=1", null).then().statusCode(200);
    }
}
