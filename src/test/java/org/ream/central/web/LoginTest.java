package org.ream.central.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

    @Test
    void adminLogsInWithTheManualsDefaultPasswordAndIsToldToChangeIt() {
        String cookie = given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                .body("{\"username\":\"*admin\",\"password\":\"1234\"}")
                .when().post("/api/auth/login")
                .then().statusCode(200).body("username", equalTo("*admin")).body("defaultPassword", equalTo(true))
                .body("rights", hasItem("ADMINISTRATOR"))
                .extract().cookie("REAM_SESSION");
        given().cookie("REAM_SESSION", cookie).when().get("/api/auth/me").then().statusCode(200).body("username", equalTo("*admin"));
    }

    @Test
    void wrongPasswordIsRefusedWithoutSession() {
        given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                .body("{\"username\":\"*admin\",\"password\":\"nope\"}")
                .when().post("/api/auth/login")
                .then().statusCode(401).body("error", containsString("Wrong"));
        given().when().get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void readinessIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
