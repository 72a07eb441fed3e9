package org.ream.central.selfservice;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.settings.SettingsStore;
import org.ream.central.usersettings.SettingsFixture;

@QuarkusTest
class MeApiTest {

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

    private SettingsFixture settings() {
        if (settings == null) {
            settings = new SettingsFixture(settingsStore);
        }
        return settings;
    }

    private static RequestSpecification as(String cookie) {
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON);
    }

    private static io.restassured.response.ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                .body(Map.of("username", username, "password", password)).when().post("/api/auth/login").then();
    }

    record Row(String fullName, String email, String lang) {
    }

    private Row row(String name) {
        return databases.mainJdbc().one("SELECT FULL_NAME, EMAIL, LANG FROM USERS WHERE USERNAME = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3) == null ? null : rs.getString(3).trim()), name).orElseThrow();
    }

    private long audits(String type, String name) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE EVENT_TYPE = ? AND AUDIT_CONTEXT = ?", type, name);
    }

    @Test
    void profileShowsTheUsersOwnData() {
        String name = TestAccounts.user(databases, "me");
        long id = TestAccounts.userId(databases, name);
        long group = databases.newId();
        databases.mainJdbc().update("INSERT INTO USER_GROUPS (ID, NAME, FULL_PATH, IS_SYSTEM, CREATED_AT, CHANGE_NO) VALUES (?, ?, ?, ?, ?, 0)",
                group, "Sales-" + group, "Sales-" + group, false, Instant.now());
        databases.mainJdbc().update("INSERT INTO GROUP_MEMBERS (GROUP_ID, USER_ID, IS_ACCOUNTING, IS_MANAGER) VALUES (?, ?, ?, ?)", group, id, true, true);
        String cookie = TestAccounts.login(name, TestAccounts.PASSWORD);
        as(cookie).get("/api/me").then().statusCode(200)
                .body("username", equalTo(name)).body("pinCount", equalTo(0)).body("language", equalTo("en"))
                .body("groups[0].name", equalTo("Sales-" + group)).body("groups[0].manager", equalTo(true))
                .body("profileEditing", equalTo(false)).body("$", not(hasKey("more")));
        settings().set("users.moreProfileInfo", "true");
        as(cookie).get("/api/me").then().statusCode(200).body("more.cards", equalTo(0));
        given().get("/api/me").then().statusCode(401);
    }

    @Test
    void languageMustBeOneOfTheKnownOnes() {
        String name = TestAccounts.user(databases, "lang");
        String cookie = TestAccounts.login(name, TestAccounts.PASSWORD);
        as(cookie).body(Map.of("language", "xx")).put("/api/me/language").then().statusCode(400)
                .body("fields.language", containsString("'xx' is not a supported language"));
        assertThat(row(name).lang()).isNull();
        as(cookie).body(Map.of("language", "cs")).put("/api/me/language").then().statusCode(200).body("language", equalTo("cs"));
        assertThat(row(name).lang()).isEqualTo("cs");
        as(cookie).get("/api/auth/me").then().body("language", equalTo("cs"));
        assertThat(audits("USER_CHANGED", name)).isEqualTo(1);
    }

    @Test
    void passwordChangeFollowsTheComplexityRules() {
        String name = TestAccounts.user(databases, "pw");
        String cookie = TestAccounts.login(name, TestAccounts.PASSWORD);
        as(cookie).body(Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "abcdefgh")).post("/api/me/password").then().statusCode(400)
                .body("fields.newPassword", containsString("at least 2 of these rules"));
        as(cookie).body(Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "Ab1")).post("/api/me/password").then().statusCode(400)
                .body("fields.newPassword", containsString("at least 8 characters"));
        as(cookie).body(Map.of("currentPassword", "not-it", "newPassword", "Good-Password-1")).post("/api/me/password").then().statusCode(400)
                .body("fields.currentPassword", equalTo("is not your current password"));
        login(name, TestAccounts.PASSWORD).statusCode(200);

        as(cookie).body(Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "Good-Password-1")).post("/api/me/password").then().statusCode(204);
        login(name, TestAccounts.PASSWORD).statusCode(401);
        login(name, "Good-Password-1").statusCode(200);
        assertThat(audits("PASSWORD_CHANGED", name)).isEqualTo(1);

        // The older endpoint of the shell applies the same rules.
        as(cookie).body(Map.of("currentPassword", "Good-Password-1", "newPassword", "weakweak")).post("/api/auth/password").then().statusCode(400)
                .body("fields.newPassword", containsString("rules"));
        settings().set("password.minLength", "4").set("password.rules", "1");
        as(cookie).body(Map.of("currentPassword", "Good-Password-1", "newPassword", "weak")).post("/api/auth/password").then().statusCode(204);
    }

    @Test
    void pinChangeAndGenerationWhenTheSettingsAllowIt() {
        String name = TestAccounts.user(databases, "mypin");
        String cookie = TestAccounts.login(name, TestAccounts.PASSWORD);
        String pin = Long.toString(200_000_000L + System.nanoTime() % 700_000_000L);
        as(cookie).body(Map.of("pin", "12")).post("/api/me/pin").then().statusCode(400).body("fields.pin", equalTo("must have at least 4 digits"));
        as(cookie).body(Map.of("pin", pin)).post("/api/me/pin").then().statusCode(204);
        given().contentType(ContentType.JSON).header("X-Requested-With", "test").body(Map.of("pin", pin)).post("/api/auth/login").then()
                .statusCode(200).body("username", equalTo(name));

        String generated = as(cookie).post("/api/me/pin/generate").then().statusCode(201).body("mailed", equalTo(false)).extract().path("pin");
        assertThat(generated).hasSizeGreaterThanOrEqualTo(4).containsOnlyDigits();
        as(cookie).get("/api/me").then().body("pinCount", equalTo(1));
        // Generating replaces the old PIN.
        given().contentType(ContentType.JSON).header("X-Requested-With", "test").body(Map.of("pin", pin)).post("/api/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Requested-With", "test").body(Map.of("pin", generated)).post("/api/auth/login").then().statusCode(200);

        settings().set("pin.userCanChange", "false");
        as(cookie).body(Map.of("pin", "48151623")).post("/api/me/pin").then().statusCode(403);
        as(cookie).post("/api/me/pin/generate").then().statusCode(403);
        as(cookie).get("/api/me").then().body("pinCount", equalTo(1)).body("canChangePin", equalTo(false));
    }

    @Test
    void profileEditingOnlyWhenEnabledAndCheckedByField() {
        String name = TestAccounts.user(databases, "edit");
        String friend = TestAccounts.user(databases, "friend");
        long friendId = TestAccounts.userId(databases, friend);
        String cookie = TestAccounts.login(name, TestAccounts.PASSWORD);
        Row before = row(name);
        as(cookie).body(Map.of("fullName", "New Name", "email", "new@example.org")).put("/api/me/profile").then().statusCode(403);
        as(cookie).body(Map.of("users", List.of(friendId))).put("/api/me/delegates").then().statusCode(403);
        assertThat(row(name)).isEqualTo(before);

        settings().set("users.profileEditing", "true");
        as(cookie).body(Map.of("fullName", "New Name", "email", "not-a-mail")).put("/api/me/profile").then().statusCode(400)
                .body("fields.email", containsString("is not an email address"));
        assertThat(row(name)).isEqualTo(before);
        as(cookie).body(Map.of("fullName", "New Name", "email", "new@example.org")).put("/api/me/profile").then().statusCode(200)
                .body("fullName", equalTo("New Name")).body("email", equalTo("new@example.org"));

        as(cookie).body(Map.of("users", List.of(friendId, 999_999_999_999L))).put("/api/me/delegates").then().statusCode(400)
                .body("fields.users", containsString("no active user"));
        as(cookie).body(Map.of("users", List.of(TestAccounts.userId(databases, name)))).put("/api/me/delegates").then().statusCode(400)
                .body("fields.users", containsString("own delegate"));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM DELEGATES WHERE OWNER_USER_ID = ?", TestAccounts.userId(databases, name))).isZero();
        as(cookie).body(Map.of("users", List.of(friendId))).put("/api/me/delegates").then().statusCode(200)
                .body("users[0].username", equalTo(friend));
        assertThat(audits("DELEGATES_CHANGED", name)).isEqualTo(1);
    }
}
