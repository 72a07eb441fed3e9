package org.ream.central.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;

/**
 * The logo upload, the Personalization section and the dashboard message are all reachable:
 * Quarkus REST chooses the root resource class by path first, and one class shadowing another
 * answered 404 (first the logo, then, with the logo in a class of its own, the section).
 */
@QuarkusTest
class PersonalizationRoutesTest {

    @Test
    void logoUploadAndRemovalReachTheirMethods() throws Exception {
        String cookie = TestAccounts.admin();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png);
        given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "t").contentType("image/png").body(png.toByteArray())
                .put("/api/settings/personalization/logo").then().statusCode(204);
        given().get("/api/public/info").then().body("customLogo", equalTo(true));
        given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "t").delete("/api/settings/personalization/logo").then().statusCode(204);
        given().get("/api/public/info").then().body("customLogo", equalTo(false));
    }

    @Test
    void thePersonalizationSectionItselfIsStillReadAndSaved() {
        String cookie = TestAccounts.admin();
        given().cookie("REAM_SESSION", cookie).get("/api/settings/personalization").then().statusCode(200);
        given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "t").contentType("application/json")
                .body(java.util.Map.of("personalization.helpTitle", "Help desk")).put("/api/settings/personalization").then().statusCode(200);
    }

    @Test
    void dashboardMessageAnswersLoggedInUsers() {
        given().cookie("REAM_SESSION", TestAccounts.admin()).get("/api/dashboard/message").then().statusCode(200).body("message", notNullValue());
        given().get("/api/dashboard/message").then().statusCode(401);
    }
}
