package org.ream.central.usersettings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class LoginLockoutTest {

    @Inject
    Databases databases;

    @Inject
    SettingsStore settingsStore;

    private SettingsFixture settings;

    @AfterEach
    void restore() {
        if (settings != null) {
            settings.restore();
        }
    }

    static ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                .body(Map.of("username", username, "password", password)).when().post("/api/auth/login").then();
    }

    record State(int failed, Instant lockedAt, Instant lockedUntil) {
    }

    private State state(String username) {
        return databases.mainJdbc().one("SELECT FAILED_LOGINS, LOCKED_AT, LOCKED_UNTIL FROM USERS WHERE USERNAME = ?",
                rs -> new State(rs.getInt(1), Jdbc.instant(rs, "LOCKED_AT"), Jdbc.instant(rs, "LOCKED_UNTIL")), username).orElseThrow();
    }

    @Test
    void userIsLockedAfterTheAttemptsAndUnlockedAfterTheMinutes() {
        settings = new SettingsFixture(settingsStore).set("lockout.attempts", "3").set("lockout.minutes", "10");
        String name = TestAccounts.user(databases, "lockout");
        login(name, "wrong-1").statusCode(401);
        login(name, "wrong-2").statusCode(401);
        assertThat(state(name).failed()).isEqualTo(2);
        login(name, "wrong-3").statusCode(403).body("locked", equalTo(true));
        State locked = state(name);
        assertThat(locked.lockedAt()).isNotNull();
        assertThat(Duration.between(locked.lockedAt(), locked.lockedUntil())).isEqualTo(Duration.ofMinutes(10));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE EVENT_TYPE = 'USER_LOCKED' AND AUDIT_CONTEXT = ?", name)).isEqualTo(1);

        // The right password does not open a locked account.
        login(name, TestAccounts.PASSWORD).statusCode(403);

        // Ten minutes later (moved back in the database rather than waited for), the lockout is over.
        databases.mainJdbc().update("UPDATE USERS SET LOCKED_AT = ?, LOCKED_UNTIL = ? WHERE USERNAME = ?",
                locked.lockedAt().minus(Duration.ofMinutes(10)), Instant.now().minusSeconds(1), name);
        login(name, TestAccounts.PASSWORD).statusCode(200);
        assertThat(state(name)).isEqualTo(new State(0, null, null));
    }

    @Test
    void wrongPinsWithTheUserNameCountTowardsTheLockout() {
        settings = new SettingsFixture(settingsStore).set("lockout.attempts", "2").set("lockout.minutes", "5");
        String name = TestAccounts.user(databases, "pinlock");
        Map<String, String> wrong = Map.of("username", name, "pin", "90817263");
        given().contentType(ContentType.JSON).header("X-Requested-With", "test").body(wrong).post("/api/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Requested-With", "test").body(wrong).post("/api/auth/login").then().statusCode(403);
        login(name, TestAccounts.PASSWORD).statusCode(403);
    }

    @Test
    void adminKeepsItsOwnLockoutWhateverTheUserSettings() {
        settings = new SettingsFixture(settingsStore).set("lockout.attempts", "2");
        for (int i = 0; i < 3; i++) {
            login("*admin", "not-the-password").statusCode(401);
        }
        assertThat(state("*admin").lockedAt()).isNull();
        login("*admin", "1234").statusCode(200);
        assertThat(state("*admin").failed()).isZero();
    }

    @Test
    void aSuccessfulLoginResetsTheCountAndZeroAttemptsNeverLocks() {
        settings = new SettingsFixture(settingsStore).set("lockout.attempts", "0");
        String name = TestAccounts.user(databases, "nolock");
        for (int i = 0; i < 6; i++) {
            login(name, "wrong").statusCode(401);
        }
        assertThat(state(name).lockedAt()).isNull();
        login(name, TestAccounts.PASSWORD).statusCode(200);
        assertThat(state(name).failed()).isZero();
    }

    @Test
    void anAdministratorsLockHasNoEnd() {
        String name = TestAccounts.user(databases, "adminlock");
        databases.mainJdbc().update("UPDATE USERS SET LOCKED_AT = ? WHERE USERNAME = ?", Instant.now().minus(Duration.ofDays(30)), name);
        login(name, TestAccounts.PASSWORD).statusCode(403);
        assertThat(state(name).lockedAt()).isNotNull();
        // The end of an earlier lockout left behind does not end a later administrator's lock.
        databases.mainJdbc().update("UPDATE USERS SET LOCKED_AT = ?, LOCKED_UNTIL = ? WHERE USERNAME = ?", Instant.now().minusSeconds(5),
                Instant.now().minus(Duration.ofDays(2)), name);
        login(name, TestAccounts.PASSWORD).statusCode(403);
        assertThat(state(name).lockedAt()).isNotNull();
    }

    @Test
    void deletedUsersCannotLogIn() {
        String name = TestAccounts.user(databases, "deleted");
        databases.mainJdbc().update("UPDATE USERS SET DELETED_AT = ? WHERE USERNAME = ?", Instant.now(), name);
        login(name, TestAccounts.PASSWORD).statusCode(401).body("error", equalTo("Wrong user name or password."));
    }

    @Test
    void aServerUserWithoutAWorkingServerIsToldClearlyAndNothingChanges() {
        String name = TestAccounts.user(databases, "noserver");
        databases.mainJdbc().update("UPDATE USERS SET USE_AUTH_SERVER = ?, PASSWORD_HASH = NULL WHERE USERNAME = ?", true, name);
        for (int i = 0; i < 7; i++) {
            login(name, "anything").statusCode(503).body("error", equalTo("The authentication server of your account is not set up. Please contact the administrator."));
        }
        assertThat(state(name)).isEqualTo(new State(0, null, null));
    }

    @Test
    void settingsOfThePageAreCheckedByField() {
        String admin = TestAccounts.admin();
        given().cookie("REAM_SESSION", admin).header("X-Requested-With", "test").contentType(ContentType.JSON)
                .body(Map.of("pin.minLength", "3", "password.minLength", "101", "password.rules", "5", "pin.temporaryGroups", "12,x",
                        "lockout.attempts", "4", "pin.mailMessage", "Your new PIN is ready."))
                .put("/api/settings/users").then().statusCode(400)
                .body("fields.'pin.minLength'", equalTo("must be between 4 and 16"))
                .body("fields.'password.minLength'", equalTo("must be between 1 and 100"))
                .body("fields.'password.rules'", equalTo("must be between 0 and 4"))
                .body("fields.'pin.temporaryGroups'", equalTo("'x' is not an id"))
                .body("fields.'pin.mailMessage'", equalTo("must contain the parameter %pin%"));
        assertThat(settingsStore.getInt("lockout.attempts")).isEqualTo(5);
        given().cookie("REAM_SESSION", admin).get("/api/settings/users").then().statusCode(200)
                .body("fields.find { it.key == 'password.minLength' }.value", equalTo("8"));
    }
}
