package org.ream.central.usersettings;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.ream.central.pins.Pins;
import org.ream.central.security.Actor;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsCatalog;
import org.ream.central.settings.SettingsStore;

@QuarkusTest
class PinMailTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(30);
    private static final Pattern PIN = Pattern.compile("(?m): ([0-9]{4,16})$");

    @Inject
    Databases databases;

    @Inject
    SettingsStore settingsStore;

    @Inject
    Pins pins;

    @Inject
    org.ream.central.pins.PinMails mails;

    private SettingsFixture settings;
    private SmtpReceiver smtp;

    @BeforeEach
    void mailServer() {
        smtp = SmtpReceiver.smtp().start();
        settings = new SettingsFixture(settingsStore);
        smtp.settings(SmtpSecurity.PREFER_STARTTLS, true).forEach(settings::set);
        settings.set("general.adminEmail", "helpdesk@example.org");
    }

    @AfterEach
    void stop() {
        settings.restore();
        smtp.stop();
    }

    private static RequestSpecification as(String cookie) {
        return given().cookie("REAM_SESSION", cookie).header("X-Requested-With", "test").contentType(ContentType.JSON);
    }

    private long userWithEmail(String prefix, String fullName) {
        String name = TestAccounts.user(databases, prefix);
        long id = TestAccounts.userId(databases, name);
        databases.mainJdbc().update("UPDATE USERS SET EMAIL = ?, FULL_NAME = ? WHERE ID = ?", name + "@example.org", fullName, id);
        return id;
    }

    private String username(long id) {
        return databases.mainJdbc().one("SELECT USERNAME FROM USERS WHERE ID = ?", rs -> rs.getString(1), id).orElseThrow();
    }

    private MimeMessage mailTo(String address) {
        await().atMost(ARRIVAL).until(() -> smtp.received().stream().anyMatch(m -> to(m).contains(address)));
        return smtp.received().stream().filter(m -> to(m).contains(address)).reduce((a, b) -> b).orElseThrow();
    }

    private static String to(MimeMessage m) {
        try {
            return String.valueOf(List.of(m.getAllRecipients()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pinIn(MimeMessage m) {
        Matcher matcher = PIN.matcher(SmtpReceiver.part(m, "text/plain"));
        assertThat(matcher.find()).as("a PIN in the mail").isTrue();
        return matcher.group(1);
    }

    @Test
    void generatedPinIsMailedWithTheAdministratorsTextAndParameters() {
        settings.set("pin.mailSubject", "PIN for %username%")
                .set("pin.mailMessage", "Dear %realname%, your PIN is %pin% (%validity%). Questions: %admin%");
        long user = userWithEmail("mailpin", "Jana Nováková");
        String name = username(user);
        String pin = as(TestAccounts.admin()).body(Map.of("mail", true)).post("/api/users/" + user + "/pins/generate").then().statusCode(201)
                .body("mailed", equalTo(true)).extract().path("pin");

        MimeMessage m = mailTo(name + "@example.org");
        assertThat(SmtpReceiver.subject(m)).isEqualTo("PIN for " + name);
        assertThat(SmtpReceiver.part(m, "text/plain"))
                .contains("Dear Jana Nováková, your PIN is " + pin + " (no time limit). Questions: helpdesk@example.org");
        assertThat(SmtpReceiver.part(m, "text/html")).contains(pin);
        // The PIN travels in the mail only: neither the database nor the audit keep it.
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE DESCRIPTION LIKE ? OR DETAILS LIKE ?", "%" + pin + "%", "%" + pin + "%"))
                .isZero();
    }

    @Test
    void resetCodeMailUsesItsOwnText() {
        long user = userWithEmail("reset", "Reset Me");
        String name = username(user);
        mails.sendResetCode(name + "@example.org", name, "Reset Me", "RC-4711");
        MimeMessage m = mailTo(name + "@example.org");
        assertThat(SmtpReceiver.subject(m)).isEqualTo(SettingsCatalog.userMailDefault("pin.resetMailSubject"));
        assertThat(SmtpReceiver.part(m, "text/plain")).contains("Hello Reset Me,", "account " + name + " is: RC-4711", "helpdesk@example.org");
    }

    @Test
    void revertValuesRestoresTheDefaultTexts() {
        settings.set("pin.mailSubject", "Changed").set("pin.mailMessage", "Changed %pin%");
        String admin = TestAccounts.admin();
        as(admin).post("/api/user-settings/templates/new-pin/revert").then().statusCode(200)
                .body("'pin.mailSubject'", equalTo(SettingsCatalog.userMailDefault("pin.mailSubject")));
        assertThat(settingsStore.get("pin.mailMessage")).isEqualTo(SettingsCatalog.userMailDefault("pin.mailMessage")).contains("%pin%", "%admin%");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE DESCRIPTION = ?",
                "The mail 'new-pin' was reverted to its default text.")).isGreaterThanOrEqualTo(1);
        as(admin).post("/api/user-settings/templates/nope/revert").then().statusCode(400).body("fields.name", org.hamcrest.Matchers.containsString("nope"));
        String settingsOnly = TestAccounts.login(TestAccounts.user(databases, "tpl-viewer", Right.MANAGE_USERS), TestAccounts.PASSWORD);
        as(settingsOnly).post("/api/user-settings/templates/new-pin/revert").then().statusCode(403);
    }

    @Test
    void newUsersGetAPinByMailOnlyWithAnAddressAndTheOption() {
        long withMail = userWithEmail("newmail", "New Mail");
        long withoutMail = TestAccounts.userId(databases, TestAccounts.user(databases, "newnomail"));
        assertThat(pins.generateForNewUser(withMail, Actor.SYSTEM)).isFalse();
        settings.set("pin.generateForNew", "true");
        assertThat(pins.generateForNewUser(withoutMail, Actor.SYSTEM)).isFalse();
        assertThat(pins.generateForNewUser(withMail, Actor.SYSTEM)).isTrue();
        assertThat(pins.generateForNewUser(withMail, Actor.SYSTEM)).as("only users without a PIN").isFalse();
        String pin = pinIn(mailTo(username(withMail) + "@example.org"));
        assertThat(pins.verify(pin)).contains(withMail);
        assertThat(pins.count(withoutMail)).isZero();
    }

    @Test
    void raisingTheMinimumThenRegeneratingReplacesAndMailsEveryPin() {
        long a = userWithEmail("regen-a", "Regen A");
        long b = userWithEmail("regen-b", "Regen B");
        String oldPin = pins.generate(a, Actor.SYSTEM, false, false).pin();
        String admin = TestAccounts.admin();
        as(admin).body(Map.of("pin.minLength", "8")).put("/api/settings/users").then().statusCode(200);
        as(admin).get("/api/user-settings/pin-length").then().statusCode(200).body("configured", equalTo(8)).body("generated", equalTo(8));
        // Raising the minimum alone keeps the old PINs (the manual's "otherwise" branch).
        assertThat(pins.verify(oldPin)).contains(a);

        int users = as(admin).post("/api/user-settings/regenerate-pins").then().statusCode(202).extract().path("users");
        assertThat(users).isGreaterThanOrEqualTo(2);
        String pinA = pinIn(mailTo(username(a) + "@example.org"));
        String pinB = pinIn(mailTo(username(b) + "@example.org"));
        assertThat(pinA).hasSize(8);
        assertThat(pinB).hasSize(8).isNotEqualTo(pinA);
        await().atMost(ARRIVAL).until(() -> !pins.regenerating());
        assertThat(pins.verify(oldPin)).isEmpty();
        assertThat(pins.verify(pinA)).contains(a);
        assertThat(pins.count(a)).isEqualTo(1);
    }

    @Test
    void deletingAllCardsNeedsTheOptionAndIsAudited() {
        long user = TestAccounts.userId(databases, TestAccounts.user(databases, "cards"));
        databases.mainJdbc().update("INSERT INTO USER_CARDS (ID, USER_ID, CARD, CREATED_AT) VALUES (?, ?, ?, ?)", databases.newId(), user,
                "CARD-" + user, Instant.now());
        String admin = TestAccounts.admin();
        as(admin).post("/api/user-settings/delete-all-cards").then().statusCode(400).body("fields", org.hamcrest.Matchers.hasKey("users.deleteAllCards"));
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_CARDS WHERE USER_ID = ?", user)).isEqualTo(1);
        String viewer = TestAccounts.login(TestAccounts.user(databases, "cards-viewer", Right.VIEW_LOG), TestAccounts.PASSWORD);
        settings.set("users.deleteAllCards", "true");
        as(viewer).post("/api/user-settings/delete-all-cards").then().statusCode(403);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_CARDS")).isGreaterThanOrEqualTo(1);
        as(admin).post("/api/user-settings/delete-all-cards").then().statusCode(200);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_CARDS")).isZero();
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM AUDIT_LOG WHERE EVENT_TYPE = 'CARDS_DELETED'")).isEqualTo(1);
    }
}
