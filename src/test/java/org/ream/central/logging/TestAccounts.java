package org.ream.central.logging;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.UUID;
import org.ream.central.persistence.Databases;
import org.ream.central.security.PasswordHasher;
import org.ream.central.security.Right;

/** Logs in as *admin or as users made for a test directly in the database, with the rights given. */
public final class TestAccounts {

    public static final String PASSWORD = "pw-" + UUID.randomUUID();

    private TestAccounts() {
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .when().post("/api/auth/login").then().statusCode(200).extract().cookie("REAM_SESSION");
    }

    public static String admin() {
        return login("*admin", "1234");
    }

    /** Creates a user with these rights and returns its user name (password {@link #PASSWORD}). */
    public static String user(Databases databases, String prefix, Right... rights) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        long id = databases.newId();
        Instant now = Instant.now();
        databases.mainJdbc().update("INSERT INTO USERS (ID, USERNAME, FULL_NAME, PASSWORD_HASH, IS_SYSTEM, USE_AUTH_SERVER, FAILED_LOGINS, CREATED_AT,"
                + " UPDATED_AT, CHANGE_NO) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 0)", id, name, "Test " + prefix, PasswordHasher.hash(PASSWORD), false, false, now, now);
        for (Right r : rights) {
            databases.mainJdbc().update("INSERT INTO RIGHT_GRANTS (ID, RIGHT_CODE, USER_ID) VALUES (?, ?, ?)", databases.newId(), r.name(), id);
        }
        return name;
    }

    public static long userId(Databases databases, String username) {
        return databases.mainJdbc().count("SELECT ID FROM USERS WHERE USERNAME = ?", username);
    }
}
