package org.ream.central.authserver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.ExternalAuthenticator;
import org.ream.central.security.ExternalAuthenticator.Outcome;
import org.ream.central.security.Right;

/** Settings > Authentication servers through the API, with the in-process LDAP and RADIUS servers behind. */
@QuarkusTest
class AuthServerResourceTest {

    static TestLdapServer ldap;
    static TestRadiusServer radius;

    @Inject
    Databases databases;

    @Inject
    ExternalAuthenticator authenticator;

    @BeforeAll
    static void start() throws Exception {
        ldap = new TestLdapServer();
        radius = new TestRadiusServer("radius-secret", Map.of("erin", "erin-Pass3"), false);
    }

    @AfterAll
    static void stop() {
        ldap.stop();
        radius.close();
    }

    static RequestSpecification as(String cookie) {
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON);
    }

    static Map<String, Object> openLdap() {
        Map<String, Object> c = new HashMap<>();
        c.put("domain", TestLdapServer.DOMAIN);
        c.put("type", "OpenLDAP");
        c.put("security", "none");
        c.put("addresses", List.of("127.0.0.1:" + ldap.ldapPort()));
        c.put("bindUser", TestLdapServer.READER_DN);
        c.put("bindPassword", TestLdapServer.READER_PASSWORD);
        return c;
    }

    static String unique(String prefix) {
        return prefix + " " + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    long userOf(long serverId, String username) {
        long id = TestAccounts.userId(databases, TestAccounts.user(databases, "ext"));
        databases.mainJdbc().update("UPDATE USERS SET USERNAME = ?, USE_AUTH_SERVER = ?, AUTH_SERVER_ID = ?, PASSWORD_HASH = NULL WHERE ID = ?",
                username + "-" + id, true, serverId, id);
        return id;
    }

    @Test
    void secretsAreWriteOnlyAndStoredSealed() {
        String admin = TestAccounts.admin();
        String name = unique("Directory");
        int id = as(admin).body(Map.of("kind", "LDAP", "name", name, "config", openLdap())).post("/api/auth-servers")
                .then().statusCode(201).body("name", equalTo(name)).body("kind", equalTo("LDAP"))
                .body("config.bindPasswordSet", equalTo(true)).body("config", not(hasKey("bindPassword")))
                .body("config.baseDn", equalTo("dc=example,dc=com"))
                .extract().path("id");
        as(admin).get("/api/auth-servers/" + id).then().statusCode(200).body(not(containsString(TestLdapServer.READER_PASSWORD)));
        as(admin).get("/api/auth-servers").then().statusCode(200).body(not(containsString(TestLdapServer.READER_PASSWORD)));
        String stored = databases.mainJdbc().one("SELECT CONFIG FROM AUTH_SERVERS WHERE ID = ?", rs -> rs.getString(1), (long) id).orElseThrow();
        assertThat(stored).doesNotContain(TestLdapServer.READER_PASSWORD).contains(SecretBox.PREFIX);
        String audit = String.join("\n", databases.mainJdbc().query("SELECT DESCRIPTION, DETAILS FROM AUDIT_LOG WHERE AUDIT_CONTEXT = ?",
                rs -> rs.getString(1) + " " + rs.getString(2), name));
        assertThat(audit).contains("added").doesNotContain(TestLdapServer.READER_PASSWORD);

        // An edit without the secret keeps it: the search account still works.
        Map<String, Object> edit = openLdap();
        edit.remove("bindPassword");
        edit.put("timeoutSeconds", 3);
        as(admin).body(Map.of("config", edit)).put("/api/auth-servers/" + id).then().statusCode(200)
                .body("config.timeoutSeconds", equalTo(3)).body("config.bindPasswordSet", equalTo(true));
        assertThat(authenticator.authenticate(id, "bob", TestLdapServer.BOB_PASSWORD).outcome()).isEqualTo(Outcome.ACCEPTED);

        // A secret sealed under another key (key file lost): shown as not set, logins say what is wrong, the list still works.
        String foreign = SecretBox.onKeyFile(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "other-" + id + ".key")).seal("x");
        String current = databases.mainJdbc().one("SELECT CONFIG FROM AUTH_SERVERS WHERE ID = ?", rs -> rs.getString(1), (long) id).orElseThrow();
        databases.mainJdbc().update("UPDATE AUTH_SERVERS SET CONFIG = ? WHERE ID = ?",
                current.replaceAll("\"bindPassword\":\"[^\"]*\"", "\"bindPassword\":\"" + foreign + "\""), (long) id);
        as(admin).get("/api/auth-servers/" + id).then().statusCode(200).body("config.bindPasswordSet", equalTo(false));
        as(admin).get("/api/auth-servers").then().statusCode(200);
        ExternalAuthenticator.Result r = authenticator.authenticate(id, "bob", TestLdapServer.BOB_PASSWORD);
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_CONFIGURED);
        assertThat(r.message()).contains("bindPassword");
        java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "other-" + id + ".key").toFile().delete();
    }

    @Test
    void renamingKeepsItsUsersWorking() {
        String admin = TestAccounts.admin();
        String name = unique("Radius");
        Map<String, Object> config = Map.of("addresses", List.of("127.0.0.1:" + radius.port()), "sharedSecret", "radius-secret", "timeoutMillis", 500);
        int id = as(admin).body(Map.of("kind", "RADIUS", "name", name, "config", config)).post("/api/auth-servers").then().statusCode(201)
                .body("config.sharedSecretSet", equalTo(true)).body("config", not(hasKey("sharedSecret"))).extract().path("id");
        long user = userOf(id, "erin");
        assertThat(authenticator.authenticate(id, "erin", "erin-Pass3").outcome()).isEqualTo(Outcome.ACCEPTED);

        String renamed = unique("Radius renamed");
        as(admin).body(Map.of("name", renamed)).post("/api/auth-servers/" + id + "/rename").then().statusCode(200)
                .body("name", equalTo(renamed)).body("users", equalTo(1));
        assertThat(databases.mainJdbc().count("SELECT AUTH_SERVER_ID FROM USERS WHERE ID = ?", user)).isEqualTo(id);
        assertThat(authenticator.authenticate(id, "erin", "erin-Pass3").outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(authenticator.authenticate(id, "erin", "wrong").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE DESCRIPTION = ?",
                "Authentication server " + name + " renamed to " + renamed)).isEqualTo(1);

        // Not deleted while a user logs in with it; then it goes.
        as(admin).delete("/api/auth-servers/" + id).then().statusCode(400).body("fields.id", containsString("used by 1 user"));
        databases.mainJdbc().update("UPDATE USERS SET USE_AUTH_SERVER = ?, AUTH_SERVER_ID = NULL WHERE ID = ?", false, user);
        as(admin).delete("/api/auth-servers/" + id).then().statusCode(204);
        as(admin).get("/api/auth-servers/" + id).then().statusCode(404);
        assertThat(authenticator.authenticate(id, "erin", "erin-Pass3").outcome()).isEqualTo(Outcome.NOT_CONFIGURED);
    }

    @Test
    void badInputNamesTheFieldAndSavesNothing() {
        String admin = TestAccounts.admin();
        long before = databases.mainJdbc().count("SELECT COUNT(*) FROM AUTH_SERVERS");
        Map<String, Object> noDomain = openLdap();
        noDomain.remove("domain");
        as(admin).body(Map.of("kind", "LDAP", "name", unique("x"), "config", noDomain)).post("/api/auth-servers").then().statusCode(400)
                .body("fields.domain", equalTo("is required"));
        as(admin).body(Map.of("kind", "KERBEROS", "name", unique("x"), "config", Map.of())).post("/api/auth-servers").then().statusCode(400)
                .body("fields", hasKey("kind"));
        as(admin).body(Map.of("kind", "RADIUS", "name", unique("x"), "config", Map.of("addresses", List.of("r1")))).post("/api/auth-servers")
                .then().statusCode(400).body("fields", hasKey("sharedSecret"));
        as(admin).body(Map.of("kind", "AZURE", "name", unique("x"), "config", Map.of("tenantId", "t", "clientId", "c", "clientSecret", "s",
                "authority", "file:///etc/passwd"))).post("/api/auth-servers").then().statusCode(400).body("fields", hasKey("authority"));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUTH_SERVERS")).isEqualTo(before);

        String name = unique("Taken");
        int id = as(admin).body(Map.of("kind", "LDAP", "name", name, "config", openLdap())).post("/api/auth-servers").then().statusCode(201)
                .extract().path("id");
        as(admin).body(Map.of("kind", "LDAP", "name", name, "config", openLdap())).post("/api/auth-servers").then().statusCode(400)
                .body("fields", hasKey("name"));
        String other = unique("Other");
        as(admin).body(Map.of("kind", "LDAP", "name", other, "config", openLdap())).post("/api/auth-servers").then().statusCode(201);
        as(admin).body(Map.of("name", other)).post("/api/auth-servers/" + id + "/rename").then().statusCode(400).body("fields", hasKey("name"));
        // A bad edit leaves the saved server as it was.
        Map<String, Object> bad = openLdap();
        bad.put("security", "SSLv2");
        as(admin).body(Map.of("config", bad)).put("/api/auth-servers/" + id).then().statusCode(400).body("fields", hasKey("security"));
        as(admin).body(Map.of("kind", "RADIUS", "config", openLdap())).put("/api/auth-servers/" + id).then().statusCode(400).body("fields", hasKey("kind"));
        as(admin).get("/api/auth-servers/" + id).then().statusCode(200).body("name", equalTo(name)).body("config.security", equalTo("NONE"));
    }

    @Test
    void onlyManageSettingsOpensThePage() {
        String settingsUser = TestAccounts.login(TestAccounts.user(databases, "settings", Right.MANAGE_SETTINGS), TestAccounts.PASSWORD);
        String usersManager = TestAccounts.login(TestAccounts.user(databases, "users", Right.MANAGE_USERS, Right.VIEW_LOG), TestAccounts.PASSWORD);
        as(settingsUser).get("/api/auth-servers").then().statusCode(200);
        // Who manages users picks a user's server from the names, without its settings.
        String name = unique("Named");
        int id = as(settingsUser).body(Map.of("kind", "LDAP", "name", name, "config", openLdap())).post("/api/auth-servers").then().statusCode(201)
                .extract().path("id");
        as(usersManager).get("/api/auth-servers").then().statusCode(200)
                .body("find { it.id == " + id + " }.name", equalTo(name)).body("find { it.id == " + id + " }.kind", equalTo("LDAP"))
                .body(not(containsString("bindUser"))).body(not(containsString(TestLdapServer.READER_DN)));
        as(usersManager).get("/api/auth-servers/" + id).then().statusCode(403);
        String reportsOnly = TestAccounts.login(TestAccounts.user(databases, "reports", Right.MANAGE_REPORTS), TestAccounts.PASSWORD);
        as(reportsOnly).get("/api/auth-servers").then().statusCode(403);
        as(settingsUser).get("/api/auth-servers").then().statusCode(200).body("find { it.id == " + id + " }.config.bindUser", equalTo(TestLdapServer.READER_DN));
        as(usersManager).body(Map.of("kind", "LDAP", "name", unique("x"), "config", openLdap())).post("/api/auth-servers").then().statusCode(403);
        as(usersManager).body(Map.of("kind", "LDAP", "config", openLdap())).post("/api/auth-servers/test").then().statusCode(403);
        given().get("/api/auth-servers").then().statusCode(401);
        given().cookie("REAM_SESSION", settingsUser).contentType(ContentType.JSON).body(Map.of("kind", "LDAP", "name", unique("x"), "config", openLdap()))
                .post("/api/auth-servers").then().statusCode(403).body("error", containsString("X-Requested-With"));
    }

    @Test
    void theTestButtonOnSavedAndUnsavedSettings() {
        String admin = TestAccounts.admin();
        as(admin).body(Map.of("kind", "LDAP", "config", openLdap(), "username", "alice", "password", TestLdapServer.ALICE_PASSWORD))
                .post("/api/auth-servers/test").then().statusCode(200).body("ok", equalTo(true));
        Map<String, Object> wrongReader = openLdap();
        wrongReader.put("bindPassword", "nope");
        as(admin).body(Map.of("kind", "LDAP", "config", wrongReader)).post("/api/auth-servers/test").then().statusCode(200)
                .body("ok", equalTo(false)).body("steps[0]", containsString("INVALID_CREDENTIALS".toLowerCase().replace('_', ' ')));
        int id = as(admin).body(Map.of("kind", "RADIUS", "name", unique("Radius test"), "config",
                Map.of("addresses", List.of("127.0.0.1:" + radius.port()), "sharedSecret", "radius-secret"))).post("/api/auth-servers")
                .then().statusCode(201).extract().path("id");
        as(admin).body(Map.of()).post("/api/auth-servers/" + id + "/test").then().statusCode(200).body("ok", equalTo(true));
        // The panel tests what is being edited: a wrong port typed in fails, nothing saved.
        as(admin).body(Map.of("kind", "RADIUS", "config", Map.of("addresses", List.of("127.0.0.1:" + radius.port()), "port", 1812, "timeoutMillis", 200,
                "retries", 0, "sharedSecret", "typed-wrong"))).post("/api/auth-servers/" + id + "/test").then().statusCode(200).body("ok", equalTo(false));
        as(admin).get("/api/auth-servers/" + id).then().body("config.timeoutMillis", equalTo(3000));
        // Unsaved edit of a saved server: the stored secret is used when none is typed.
        as(admin).body(Map.of("id", id, "config", Map.of("addresses", List.of("127.0.0.1:" + radius.port())), "username", "erin", "password", "erin-Pass3"))
                .post("/api/auth-servers/test").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void azureServersDoNotCheckPasswords() {
        String admin = TestAccounts.admin();
        int id = as(admin).body(Map.of("kind", "AZURE", "name", unique("Entra"), "config", Map.of("tenantId", "contoso.onmicrosoft.com",
                "clientId", "app-id", "clientSecret", "app-secret"))).post("/api/auth-servers").then().statusCode(201)
                .body("config.clientSecretSet", equalTo(true)).body("config.authority", equalTo("https://login.microsoftonline.com")).extract().path("id");
        ExternalAuthenticator.Result r = authenticator.authenticate(id, "someone", "pw");
        assertThat(r.outcome()).isEqualTo(Outcome.NOT_CONFIGURED);
        assertThat(r.message()).contains("Sign in with Microsoft");
        assertThat(authenticator.authenticate(-5, "someone", "pw").outcome()).isEqualTo(Outcome.NOT_CONFIGURED);
    }
}
