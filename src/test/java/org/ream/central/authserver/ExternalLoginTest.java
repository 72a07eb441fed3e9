package org.ream.central.authserver;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;

/**
 * The whole way of a user who "uses an authentication server" (6.6, 8.7.7): the login page's
 * call, the user's server from the database, the real checker against an in-process LDAP
 * directory. The password is never stored; a server that does not answer fails the login
 * with a clear message and changes nothing about the user.
 */
@QuarkusTest
class ExternalLoginTest {

    static TestLdapServer ldap;

    @Inject
    Databases databases;

    @BeforeAll
    static void start() throws Exception {
        ldap = new TestLdapServer();
    }

    @AfterAll
    static void stop() {
        ldap.stop();
    }

    private static io.restassured.response.Response login(String user, String password) {
        return given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                .body(Map.of("username", user, "password", password)).post("/api/auth/login");
    }

    @Test
    void aDirectoryUserLogsInWithTheDirectoryPasswordWhichIsNeverStored() {
        String admin = TestAccounts.admin();
        Map<String, Object> config = new java.util.HashMap<>();
        config.put("domain", TestLdapServer.DOMAIN);
        config.put("type", "OpenLDAP");
        config.put("security", "none");
        config.put("addresses", java.util.List.of("127.0.0.1:" + ldap.ldapPort()));
        config.put("bindUser", TestLdapServer.READER_DN);
        config.put("bindPassword", TestLdapServer.READER_PASSWORD);
        long serverId = ((Number) given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("kind", "LDAP", "name", AuthServerResourceTest.unique("Login directory"), "config", config))
                .post("/api/auth-servers").then().statusCode(201).extract().path("id")).longValue();
        // "bob" in the directory: a Ream user of that name who uses this server, with no password of its own.
        long userId = databases.mainJdbc().one("SELECT ID FROM USERS WHERE USERNAME = ?", rs -> rs.getLong(1), "bob").orElseGet(() -> {
            long id = databases.newId();
            Instant now = Instant.now();
            databases.mainJdbc().update("INSERT INTO USERS (ID, USERNAME, FULL_NAME, IS_SYSTEM, USE_AUTH_SERVER, FAILED_LOGINS, CREATED_AT, UPDATED_AT, CHANGE_NO)"
                    + " VALUES (?, ?, ?, ?, ?, 0, ?, ?, 0)", id, "bob", "Bob Durand", false, true, now, now);
            return id;
        });
        databases.mainJdbc().update("UPDATE USERS SET USE_AUTH_SERVER = ?, AUTH_SERVER_ID = ?, PASSWORD_HASH = NULL WHERE ID = ?", true, serverId, userId);

        login("bob", TestLdapServer.BOB_PASSWORD).then().statusCode(200).body("username", equalTo("bob"));
        login("bob", "not-bobs-password").then().statusCode(401);
        assertThat(databases.mainJdbc().one("SELECT PASSWORD_HASH FROM USERS WHERE ID = ?", rs -> rs.getString(1), userId)).isEmpty();

        int failedBefore = databases.mainJdbc().one("SELECT FAILED_LOGINS FROM USERS WHERE ID = ?", rs -> rs.getInt(1), userId).orElseThrow();
        ldap.stop();
        login("bob", TestLdapServer.BOB_PASSWORD).then().statusCode(503).body("serverUnavailable", equalTo(true))
                .body("error", containsString("authentication server cannot check your password"));
        assertThat(databases.mainJdbc().one("SELECT FAILED_LOGINS FROM USERS WHERE ID = ?", rs -> rs.getInt(1), userId)).contains(failedBefore);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE ID = ? AND LOCKED_AT IS NOT NULL", userId)).isZero();
    }
}
