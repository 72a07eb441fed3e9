package org.ream.central.usersync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ream.central.authserver.AuthServers;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;
import org.ream.central.security.Right;

/** Settings > User synchronization through the API: sources, their checks, and who may touch them. */
@QuarkusTest
class UserSyncResourceTest {

    @Inject
    Databases databases;

    @Inject
    org.ream.central.usersync.SyncSources syncSources;

    /** The server allows five LDAP sources (manual 8.7.2), and the test classes share one database. */
    @org.junit.jupiter.api.AfterEach
    void removeLdapSources() {
        SyncApi.removeLdapSources(syncSources);
    }

    @Inject
    AuthServers authServers;

    static RequestSpecification as(String cookie) {
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON);
    }

    static String unique(String prefix) {
        return prefix + " " + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    long ldapServer() {
        Map<String, Object> c = new HashMap<>();
        c.put("domain", "sync.example");
        c.put("type", "OpenLDAP");
        c.put("security", "none");
        c.put("addresses", List.of("127.0.0.1:1"));
        return authServers.create("LDAP", unique("Sync directory"), c, Actor.SYSTEM).id();
    }

    Map<String, Object> ldapSource(long serverId) {
        Map<String, Object> config = new HashMap<>();
        config.put("serverId", serverId);
        config.put("bindUser", "cn=reader,dc=sync,dc=example");
        config.put("bindPassword", "s3cret reader");
        config.put("baseDns", List.of("ou=people,dc=sync,dc=example"));
        return Map.of("kind", "LDAP", "name", unique("LDAP"), "config", config);
    }

    @Test
    void theBindPasswordIsWriteOnlyAndKeptWhenNotRetyped() {
        String admin = TestAccounts.admin();
        Map<String, Object> body = ldapSource(ldapServer());
        long id = as(admin).body(body).post("/api/user-sync/sources").then().statusCode(201)
                .body("config", not(hasKey("bindPassword"))).body("config.bindPasswordSet", equalTo(true)).extract().jsonPath().getLong("id");
        String stored = databases.mainJdbc().one("SELECT CONFIG FROM SYNC_SOURCES WHERE ID = ?", rs -> rs.getString(1), id).orElseThrow();
        assertThat(stored).doesNotContain("s3cret reader");

        @SuppressWarnings("unchecked")
        Map<String, Object> config = new HashMap<>((Map<String, Object>) body.get("config"));
        config.remove("bindPassword");
        config.put("bindUser", "cn=other,dc=sync,dc=example");
        as(admin).body(Map.of("config", config)).put("/api/user-sync/sources/" + id).then().statusCode(200)
                .body("config.bindUser", equalTo("cn=other,dc=sync,dc=example")).body("config.bindPasswordSet", equalTo(true));
        as(admin).delete("/api/user-sync/sources/" + id).then().statusCode(204);
        as(admin).get("/api/user-sync/sources/" + id).then().statusCode(404);
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndNothingIsSaved() {
        String admin = TestAccounts.admin();
        long before = databases.mainJdbc().count("SELECT COUNT(*) FROM SYNC_SOURCES");
        as(admin).body(Map.of("kind", "CSV", "name", unique("CSV"), "config", Map.of())).post("/api/user-sync/sources").then().statusCode(400)
                .body("fields.file", equalTo("is required"));
        as(admin).body(Map.of("kind", "CSV", "name", unique("CSV"), "config", Map.of("file", "/tmp/users.csv", "encoding", "klingon-8")))
                .post("/api/user-sync/sources").then().statusCode(400).body("fields", hasKey("encoding"));
        as(admin).body(Map.of("kind", "CSV", "name", unique("CSV"), "config", Map.of("file", "/tmp/users.csv", "options", Map.of("cards", "SOMETIMES"))))
                .post("/api/user-sync/sources").then().statusCode(400).body("fields", hasKey("options.cards"));
        Map<String, Object> noBase = new HashMap<>(ldapSource(ldapServer()));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new HashMap<>((Map<String, Object>) noBase.get("config"));
        config.put("baseDns", List.of());
        noBase.put("config", config);
        as(admin).body(noBase).post("/api/user-sync/sources").then().statusCode(400).body("fields", hasKey("baseDns"));
        Map<String, Object> badFilter = new HashMap<>(noBase);
        Map<String, Object> filterConfig = new HashMap<>(config);
        filterConfig.put("baseDns", List.of("ou=people,dc=sync,dc=example"));
        filterConfig.put("filters", List.of("givenName=Charles", "cn*van*"));
        badFilter.put("config", filterConfig);
        as(admin).body(badFilter).post("/api/user-sync/sources").then().statusCode(400).body("fields", hasKey("filters"));
        Map<String, Object> badDn = new HashMap<>(noBase);
        Map<String, Object> dnConfig = new HashMap<>(config);
        dnConfig.put("baseDns", List.of("people at sync dot example"));
        badDn.put("config", dnConfig);
        as(admin).body(badDn).post("/api/user-sync/sources").then().statusCode(400).body("fields", hasKey("baseDns"));
        Map<String, Object> badTemplate = new HashMap<>(noBase);
        Map<String, Object> templateConfig = new HashMap<>(filterConfig);
        templateConfig.put("filters", List.of());
        templateConfig.put("mapping", Map.of("userName", "uid", "fullName", "%givenName %sn%"));
        badTemplate.put("config", templateConfig);
        as(admin).body(badTemplate).post("/api/user-sync/sources").then().statusCode(400).body("fields", hasKey("mapping.fullName"));
        as(admin).body(Map.of("kind", "NIS", "name", unique("NIS"), "config", Map.of())).post("/api/user-sync/sources").then().statusCode(400)
                .body("fields", hasKey("kind"));
        as(admin).body(Map.of("sources", List.of(-5))).post("/api/user-sync/runs").then().statusCode(400).body("fields", hasKey("sources"));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM SYNC_SOURCES")).isEqualTo(before);
    }

    @Test
    void atMostFiveLdapSynchronisationsAsInTheManual() {
        String admin = TestAccounts.admin();
        long server = ldapServer();
        for (int i = 0; i < 5; i++) {
            as(admin).body(ldapSource(server)).post("/api/user-sync/sources").then().statusCode(201);
        }
        as(admin).body(ldapSource(server)).post("/api/user-sync/sources").then().statusCode(400).body("fields", hasKey("kind"));
    }

    @Test
    void aRadiusServerCannotServeAnLdapSynchronisation() {
        String admin = TestAccounts.admin();
        Map<String, Object> radius = new HashMap<>();
        radius.put("addresses", List.of("127.0.0.1"));
        radius.put("sharedSecret", "x");
        long radiusId = authServers.create("RADIUS", unique("Radius"), radius, Actor.SYSTEM).id();
        as(admin).body(ldapSource(radiusId)).post("/api/user-sync/sources").then().statusCode(400).body("fields", hasKey("serverId"));
    }

    @Test
    void onlyManagingSettingsOpensTheSynchronisation() {
        String users = TestAccounts.login(TestAccounts.user(databases, "sync-users", Right.MANAGE_USERS), TestAccounts.PASSWORD);
        as(users).get("/api/user-sync/sources").then().statusCode(403);
        as(users).body(Map.of()).post("/api/user-sync/runs").then().statusCode(403);
        String settings = TestAccounts.login(TestAccounts.user(databases, "sync-settings", Right.MANAGE_SETTINGS), TestAccounts.PASSWORD);
        as(settings).get("/api/user-sync/sources").then().statusCode(200);
    }
}
