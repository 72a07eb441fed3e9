package org.ream.central.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Right;

/** An administrator sets a user's password (8.4.1); a user manager cannot take over an account with rights. */
@QuarkusTest
class SetPasswordTest {

    static final String NEW_PASSWORD = "Brand-new-Pass9";

    @Inject
    Databases databases;

    static RequestSpecification as(String cookie) {
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON);
    }

    @Test
    void theNewPasswordLogsInAndTheUsersSessionsEnd() {
        String user = TestAccounts.user(databases, "pw-plain");
        String theirSession = TestAccounts.login(user, TestAccounts.PASSWORD);
        as(TestAccounts.admin()).body(Map.of("password", NEW_PASSWORD)).post("/api/users/" + TestAccounts.userId(databases, user) + "/password")
                .then().statusCode(204);
        as(theirSession).get("/api/auth/me").then().statusCode(401);
        TestAccounts.login(user, NEW_PASSWORD);
        given().contentType(ContentType.JSON).header("X-Requested-With", "test").body(Map.of("username", user, "password", TestAccounts.PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
    }

    @Test
    void aWeakPasswordOrASystemAccountIsRefusedNamingTheField() {
        String admin = TestAccounts.admin();
        String user = TestAccounts.user(databases, "pw-weak");
        as(admin).body(Map.of("password", "abc")).post("/api/users/" + TestAccounts.userId(databases, user) + "/password").then().statusCode(400)
                .body("fields", hasKey("password"));
        TestAccounts.login(user, TestAccounts.PASSWORD); // unchanged
        as(admin).body(Map.of("password", NEW_PASSWORD)).post("/api/users/" + TestAccounts.userId(databases, "*api") + "/password").then().statusCode(400)
                .body("fields", hasKey("password"));
    }

    @Test
    void aUserManagerSetsPlainUsersPasswordsButNotThoseOfUsersWithRights() {
        String manager = TestAccounts.login(TestAccounts.user(databases, "pw-manager", Right.MANAGE_USERS), TestAccounts.PASSWORD);
        String plain = TestAccounts.user(databases, "pw-target");
        String admin = TestAccounts.user(databases, "pw-admin", Right.ADMINISTRATOR);
        as(manager).body(Map.of("password", NEW_PASSWORD)).post("/api/users/" + TestAccounts.userId(databases, plain) + "/password").then().statusCode(204);
        as(manager).body(Map.of("password", NEW_PASSWORD)).post("/api/users/" + TestAccounts.userId(databases, admin) + "/password").then().statusCode(400)
                .body("fields", hasKey("password"));
        TestAccounts.login(admin, TestAccounts.PASSWORD); // untouched
    }
}
