package org.ream.central.pins;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ream.central.logging.TestAccounts;
import org.ream.central.mail.SmtpReceiver;
import org.ream.central.notification.SmtpSecurity;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;

/** "Forgot your PIN?" (8.8): a code by email, then a new PIN by email; nothing tells whether a user exists. */
@QuarkusTest
class PinResetTest {

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @Inject
    Pins pins;

    SmtpReceiver smtp;

    /** The settings as they were, written back after each test: the test classes share one database. */
    Map<String, String> before;

    @BeforeEach
    void mailServer() {
        smtp = SmtpReceiver.smtp().start();
        Map<String, String> values = new HashMap<>(smtp.settings(SmtpSecurity.PREFER_STARTTLS, false));
        values.put("pin.resetMailMessage", "Your code is %code%, %realname%.");
        values.put("pin.mailMessage", "Your new PIN is %pin%.");
        before = new HashMap<>();
        for (String key : values.keySet()) {
            before.put(key, settings.get(key));
        }
        settings.write(values, Actor.SYSTEM, "PIN reset test", null);
    }

    @AfterEach
    void stop() {
        settings.write(before, Actor.SYSTEM, "PIN reset test: settings back", null);
        smtp.stop();
    }

    static io.restassured.response.Response post(String path, Map<String, String> body) {
        return given().contentType(ContentType.JSON).header("X-Requested-With", "test").body(body).post(path);
    }

    String user(String email) {
        String name = TestAccounts.user(databases, "pin-reset");
        databases.mainJdbc().update("UPDATE USERS SET EMAIL = ? WHERE USERNAME = ?", email, name);
        return name;
    }

    String mailed(String to, Pattern pattern) {
        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.received().stream().anyMatch(m -> recipient(m, to) && pattern.matcher(text(m)).find()));
        Matcher m = pattern.matcher(smtp.received().stream().filter(x -> recipient(x, to) && pattern.matcher(text(x)).find()).reduce((a, b) -> b).map(PinResetTest::text)
                .orElseThrow());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static boolean recipient(jakarta.mail.internet.MimeMessage m, String to) {
        try {
            return m.getAllRecipients()[0].toString().contains(to);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    static String text(jakarta.mail.internet.MimeMessage m) {
        return SmtpReceiver.part(m, "text/plain");
    }

    @Test
    void theEmailedCodeGetsANewPinByEmailAndTheOldOnesGo() {
        String email = "reset-" + System.nanoTime() + "@example.org";
        String name = user(email);
        long id = TestAccounts.userId(databases, name);
        pins.add(id, "739154", Actor.SYSTEM);
        post("/api/auth/pin-reset", Map.of("username", name)).then().statusCode(202);
        String code = mailed(email, Pattern.compile("Your code is ([A-Z0-9]{8})"));

        post("/api/auth/pin-reset/confirm", Map.of("username", name, "code", code)).then().statusCode(204);
        String pin = mailed(email, Pattern.compile("Your new PIN is (\\d+)"));
        post("/api/auth/login", Map.of("username", name, "pin", pin)).then().statusCode(200);
        post("/api/auth/login", Map.of("username", name, "pin", "739154")).then().statusCode(401);
        // A code serves once.
        post("/api/auth/pin-reset/confirm", Map.of("username", name, "code", code)).then().statusCode(400).body("fields", hasKey("code"));
    }

    @Test
    void fiveWrongCodesVoidTheCodeAndAnUnknownUserGetsTheSameAnswerAndNoMail() {
        String email = "wrong-" + System.nanoTime() + "@example.org";
        String name = user(email);
        post("/api/auth/pin-reset", Map.of("username", name)).then().statusCode(202);
        String code = mailed(email, Pattern.compile("Your code is ([A-Z0-9]{8})"));
        for (int i = 0; i < 5; i++) {
            post("/api/auth/pin-reset/confirm", Map.of("username", name, "code", "WRONG" + i)).then().statusCode(400);
        }
        post("/api/auth/pin-reset/confirm", Map.of("username", name, "code", code)).then().statusCode(400);
        assertThat(pins.count(TestAccounts.userId(databases, name))).isZero();

        int before = smtp.received().size();
        post("/api/auth/pin-reset", Map.of("username", "nobody-" + System.nanoTime())).then().statusCode(202);
        post("/api/auth/pin-reset", Map.of("username", "")).then().statusCode(400).body("fields", hasKey("username"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> smtp.received().size() == before);
    }
}
