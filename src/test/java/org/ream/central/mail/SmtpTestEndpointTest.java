package org.ream.central.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.notification.SmtpSecurity;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

/** The Test button of the outgoing SMTP server page (manual 6.4.3), against GreenMail. */
@QuarkusTest
class SmtpTestEndpointTest {

    private static final String TEST = "/api/settings/smtp/test";
    private static String session;

    @Inject
    SettingsStore settings;

    private SmtpReceiver smtp;

    @BeforeEach
    void mailServer() {
        smtp = SmtpReceiver.smtp().start();
        save(smtp.settings(SmtpSecurity.PREFER_STARTTLS, true));
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private void save(Map<String, String> values) {
        settings.write(values, Actor.SYSTEM, "SMTP server of the test", "smtp");
    }

    private static RequestSpecification admin() {
        if (session == null) {
            session = given().contentType(ContentType.JSON).header("X-Requested-With", "test")
                    .body("{\"username\":\"*admin\",\"password\":\"1234\"}")
                    .when().post("/api/auth/login")
                    .then().statusCode(200).extract().cookie("REAM_SESSION");
        }
        return given().cookie("REAM_SESSION", session).header("X-Requested-With", "test").contentType(ContentType.JSON);
    }

    private static String body(String recipient) {
        return "{\"recipient\":\"" + recipient + "\"}";
    }

    @Test
    void sendsATestMailRightAway() {
        admin().body(body("admin@example.com")).when().post(TEST).then().statusCode(200).body("ok", equalTo(true));
        // Sent before the answer, not queued: it is already there.
        assertThat(smtp.received()).hasSize(1);
        assertThat(SmtpReceiver.subject(smtp.received().get(0))).isEqualTo("Ream Central: test message");
        assertThat(SmtpReceiver.part(smtp.received().get(0), "text/plain")).contains("127.0.0.1:" + smtp.port + " (prefer starttls)");
    }

    @Test
    void aServerThatIsDownIsReported() {
        smtp.stop();
        admin().body(body("admin@example.com")).when().post(TEST).then().statusCode(400)
                .body("error", containsString("127.0.0.1"))
                .body("error", anyOf(containsString("Connection refused"), containsString("connect")));
    }

    @Test
    void aWrongPasswordShowsTheServersAnswer() {
        Map<String, String> wrong = new LinkedHashMap<>(smtp.settings(SmtpSecurity.PREFER_STARTTLS, true));
        wrong.put("smtp.password", "wrong");
        save(wrong);
        admin().body(body("admin@example.com")).when().post(TEST).then().statusCode(400).body("error", containsString("535"));
        assertThat(smtp.received()).isEmpty();
    }

    @Test
    void requireStartTlsRefusesAServerWithoutIt() {
        // GreenMail offers no STARTTLS: "prefer" goes on in plain text, "require" must not.
        save(smtp.settings(SmtpSecurity.REQUIRE_STARTTLS, true));
        admin().body(body("admin@example.com")).when().post(TEST).then().statusCode(400).body("error", containsString("STARTTLS"));
        assertThat(smtp.received()).isEmpty();
    }

    @Test
    void implicitTlsTrustsASelfSignedServerOnlyWhenValidationIsOff() {
        SmtpReceiver smtps = SmtpReceiver.smtps().start();
        try {
            save(smtps.settings(SmtpSecurity.IMPLICIT_TLS, false));
            admin().body(body("admin@example.com")).when().post(TEST).then().statusCode(200).body("ok", equalTo(true));
            assertThat(smtps.received()).hasSize(1);

            save(smtps.settings(SmtpSecurity.IMPLICIT_TLS, true));
            admin().body(body("admin@example.com")).when().post(TEST).then().statusCode(400)
                    .body("error", containsString("turn off Validate certificate"));
            assertThat(smtps.received()).hasSize(1);
        } finally {
            smtps.stop();
        }
    }

    @Test
    void testsTheValuesOnThePageBeforeTheyAreSaved() {
        Map<String, String> saved = new LinkedHashMap<>(smtp.settings(SmtpSecurity.PREFER_STARTTLS, true));
        saved.put("smtp.port", Integer.toString(SmtpReceiver.freePort()));
        save(saved);
        // The page sends what it shows; the password placeholder means "the saved one".
        admin().body("{\"recipient\":\"admin@example.com\",\"settings\":{\"smtp.port\":\"" + smtp.port + "\",\"smtp.password\":\""
                + SettingsStore.SECRET_SET + "\"}}").when().post(TEST).then().statusCode(200);
        assertThat(smtp.received()).hasSize(1);
        assertThat(settings.get("smtp.port")).isEqualTo(saved.get("smtp.port"));

        admin().body("{\"recipient\":\"admin@example.com\",\"settings\":{\"smtp.port\":\"0\"}}").when().post(TEST).then().statusCode(400)
                .body("fields.'smtp.port'", containsString("between 1 and 65535"));
    }

    @Test
    void theRecipientMustBeAnAddress() {
        admin().body(body("admin")).when().post(TEST).then().statusCode(400).body("fields.recipient", containsString("not an email address"));
        admin().body("{}").when().post(TEST).then().statusCode(400).body("fields.recipient", containsString("at least one recipient"));
        assertThat(smtp.received()).isEmpty();
    }

    @Test
    void onlyAnAdministratorsPageMayTest() {
        given().header("X-Requested-With", "test").contentType(ContentType.JSON).body(body("admin@example.com"))
                .when().post(TEST).then().statusCode(401);
        admin();
        given().cookie("REAM_SESSION", session).contentType(ContentType.JSON).body(body("admin@example.com"))
                .when().post(TEST).then().statusCode(403);
        assertThat(smtp.received()).isEmpty();
    }
}
