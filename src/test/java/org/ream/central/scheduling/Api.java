package org.ream.central.scheduling;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Logged-in calls as *admin (the manual's default password), with the header state-changing calls need. */
public final class Api {

    private static String cookie;

    private Api() {
    }

    public static synchronized RequestSpecification admin() {
        if (cookie == null) {
            cookie = given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                    .body("{\"username\":\"*admin\",\"password\":\"1234\"}")
                    .when().post("/api/auth/login")
                    .then().statusCode(200).extract().cookie("REAM_SESSION");
        }
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON);
    }
}
