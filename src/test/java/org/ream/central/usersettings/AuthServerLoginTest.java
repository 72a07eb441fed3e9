package org.ream.central.usersettings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;

@QuarkusTest
@TestProfile(AuthServerLoginTest.WithScriptedServer.class)
class AuthServerLoginTest {

    public static class WithScriptedServer implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ScriptedAuthServer.class);
        }
    }

    @Inject
    Databases databases;

    @AfterEach
    void reset() {
        ScriptedAuthServer.reachable = true;
    }

    private String serverUser(String prefix) {
        String name = TestAccounts.user(databases, prefix);
        long server = databases.newId();
        databases.mainJdbc().update("INSERT INTO AUTH_SERVERS (ID, KIND, NAME, CONFIG, CREATED_AT) VALUES (?, ?, ?, ?, ?)", server, "LDAP",
                "ldap-" + server, "{}", Instant.now());
        databases.mainJdbc().update("UPDATE USERS SET USE_AUTH_SERVER = ?, AUTH_SERVER_ID = ?, PASSWORD_HASH = NULL WHERE USERNAME = ?", true, server, name);
        ScriptedAuthServer.PASSWORDS.put(name, "directory-pw-1");
        return name;
    }

    private int failed(String name) {
        return (int) databases.mainJdbc().count("SELECT FAILED_LOGINS FROM USERS WHERE USERNAME = ?", name);
    }

    private String passwordHash(String name) {
        return databases.mainJdbc().one("SELECT PASSWORD_HASH FROM USERS WHERE USERNAME = ?", rs -> rs.getString(1), name).orElse(null);
    }

    @Test
    void theServersPasswordLogsInAndIsNeverStored() {
        String name = serverUser("ldapuser");
        String cookie = LoginLockoutTest.login(name, "directory-pw-1").statusCode(200).body("username", equalTo(name)).extract().cookie("REAM_SESSION");
        assertThat(passwordHash(name)).isNull();
        LoginLockoutTest.login(name, "wrong").statusCode(401);
        assertThat(failed(name)).isEqualTo(1);
        // Their password lives on the server: it cannot be changed here.
        given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "directory-pw-1", "newPassword", "Another-pw-2")).post("/api/me/password")
                .then().statusCode(400).body("fields.newPassword", containsString("authentication server"));
        assertThat(passwordHash(name)).isNull();
    }

    @Test
    void anUnreachableServerFailsTheLoginClearlyAndChangesNothing() {
        String name = serverUser("ldapdown");
        ScriptedAuthServer.reachable = false;
        for (int i = 0; i < 8; i++) {
            LoginLockoutTest.login(name, i % 2 == 0 ? "directory-pw-1" : "wrong").statusCode(503)
                    .body("error", equalTo("The authentication server cannot check your password right now. Please try again later or contact the administrator."));
        }
        assertThat(failed(name)).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ? AND LOCKED_AT IS NULL", name)).isEqualTo(1);
        assertThat(passwordHash(name)).isNull();
        ScriptedAuthServer.reachable = true;
        LoginLockoutTest.login(name, "directory-pw-1").statusCode(200);
    }

    @Test
    void anEmptyPasswordNeverReachesTheServer() {
        String name = serverUser("ldapempty");
        int before = ScriptedAuthServer.CALLS.get();
        LoginLockoutTest.login(name, "").statusCode(401);
        assertThat(ScriptedAuthServer.CALLS.get()).isEqualTo(before);
    }

    @Test
    void localUsersAreNotAskedToTheServer() {
        String name = TestAccounts.user(databases, "local");
        int before = ScriptedAuthServer.CALLS.get();
        LoginLockoutTest.login(name, TestAccounts.PASSWORD).statusCode(200);
        assertThat(ScriptedAuthServer.CALLS.get()).isEqualTo(before);
    }
}
