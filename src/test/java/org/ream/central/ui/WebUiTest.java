package org.ream.central.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.ream.central.persistence.Databases;
import org.ream.central.settings.SettingsStore;

/**
 * The web UI in a real browser against the running server (manual chapter 5 and the settings
 * pages of chapter 6). Runs in its own data folder, so changing *admin's password here leaves
 * the other tests' server alone.
 */
@QuarkusTest
@TestProfile(WebUiTest.OwnDataFolder.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiTest {

    public static class OwnDataFolder implements QuarkusTestProfile {
        private static final String DIR = "target/test-data/ui-" + UUID.randomUUID();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ream.data-dir", DIR);
        }
    }

    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject
    Databases databases;

    @Inject
    SettingsStore settings;

    @BeforeAll
    static void startBrowser() {
        Assumptions.assumeTrue(Browser.available(), Browser.MISSING);
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private void open(String hash) {
        browser.driver.get(root + "#/" + hash);
    }

    private void logIn(String user, String password) {
        open("login");
        WebElement name = browser.visible("#login-username");
        name.clear();
        name.sendKeys(user);
        WebElement pw = browser.driver.findElement(By.id("login-password"));
        pw.clear();
        pw.sendKeys(password);
        browser.driver.findElement(By.id("login-submit")).click();
    }

    private void loggedInAsAdmin() {
        if (browser.all(".topbar").isEmpty()) {
            logIn("*admin", currentAdminPassword);
            browser.visible(".topbar");
        }
    }

    private static String currentAdminPassword = "1234";

    @Test
    @Order(1)
    void loginPageSwitchesLanguageAndThemeAndRemembersThem() {
        open("login");
        browser.textIs("#login-submit", "Log in");

        new Select(browser.visible("#login-language")).selectByValue("fr");
        browser.textIs("#login-submit", "Se connecter");
        browser.textIs("label[for=login-username]", "Nom d'utilisateur");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("fr");

        new Select(browser.visible("#login-theme")).selectByValue("dark");
        browser.await().until(d -> "dark".equals(browser.js("return document.documentElement.dataset.theme")));
        assertThat(browser.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(15, 18, 22)");

        new Select(browser.visible("#login-theme")).selectByValue("blue");
        browser.driver.navigate().refresh();
        browser.textIs("#login-submit", "Se connecter");
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("blue");
        assertThat(new Select(browser.visible("#login-theme")).getFirstSelectedOption().getAttribute("value")).isEqualTo("blue");

        new Select(browser.visible("#login-theme")).selectByValue("red");
        new Select(browser.visible("#login-language")).selectByValue("en");
        browser.textIs("#login-submit", "Log in");
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("red");
        assertThat(browser.takeJsErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void wrongPasswordIsToldPlainly() {
        logIn("*admin", "not-the-password");
        browser.textContains("#login-error", "Wrong user name or password.");
        assertThat(browser.all(".topbar")).isEmpty();
    }

    @Test
    @Order(3)
    void adminWithTheDefaultPasswordSeesTheBannerOnEveryPage() {
        logIn("*admin", "1234");
        browser.visible("[data-test=default-password-banner]");
        open("settings/system");
        browser.textIs("#main .page-title", "System management");
        browser.visible("[data-test=default-password-banner]");
    }

    @Test
    @Order(4)
    void everyPageOfTheMainAndSettingsMenusOpensWithoutAScriptError() {
        loggedInAsAdmin();
        open("home");
        browser.visible("[data-nav=home]");
        List<String> main = browser.all(".nav-list > li > a").stream().map(a -> a.getAttribute("data-nav")).toList();
        assertThat(main).containsExactly("home", "users", "sites", "reports", "log", "audit", "settings");

        List<String> visited = new ArrayList<>();
        for (String key : main) {
            browser.driver.findElement(By.cssSelector("[data-nav='" + key + "']")).click();
            browser.await().until(d -> browser.all("[data-nav='" + key + "'][aria-current=page]").size() == 1);
            browser.visible("#main .page-title");
            browser.settled();
            visited.add(key);
            if (List.of("reports").contains(key)) {
                browser.textContains("[data-test=coming-later]", "Coming in a later version");
            }
        }
        List<String> settingsPages = browser.all(".nav-sub a").stream().map(a -> a.getAttribute("data-nav")).toList();
        assertThat(settingsPages).containsExactly("settings/general", "settings/personalization", "settings/scheduler", "settings/smtp",
                "settings/log", "settings/system", "settings/users", "settings/replication", "settings/external-reports", "settings/usersync", "settings/auth-servers", "settings/rights");
        for (String key : settingsPages) {
            browser.driver.findElement(By.cssSelector("[data-nav='" + key + "']")).click();
            browser.await().until(d -> browser.all("[data-nav='" + key + "'][aria-current=page]").size() == 1);
            browser.visible("#main .page-title");
            browser.settled();
            visited.add(key);
        }
        assertThat(visited).hasSize(19);
        assertThat(browser.takeJsErrors()).as("JavaScript errors on the pages").isEmpty();
    }

    @Test
    @Order(5)
    void dashboardWidgetsShowTheServersData() {
        long site = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                site, "Prague", "prague.example", 8093, "OK", Instant.now());
        databases.mainJdbc().update("INSERT INTO DAILY_PAGE_TOTALS (SITE_ID, PAGE_DAY, PRINTED, COPIED, SCANNED, SHEETS) VALUES (?, ?, ?, ?, ?, ?)",
                site, LocalDate.now(settings.timeZone()), 1200L, 300L, 45L, 900L);

        loggedInAsAdmin();
        open("home");
        browser.visible("[data-widget=quickSetup] .setup-step");
        assertThat(browser.all("[data-widget]").stream().map(w -> w.getAttribute("data-widget")).toList())
                .containsExactly("quickSetup", "systemStatus", "totalPages", "environment", "licence");
        assertThat(browser.all("[data-widget=quickSetup] .setup-step")).hasSize(5);
        browser.textIs("[data-widget=systemStatus] [data-stat=sites] .stat-value", "1");
        browser.textContains("[data-widget=totalPages] [data-total=printed] strong", "1,200");
        browser.textContains("[data-widget=totalPages] [data-total=scanned] strong", "45");
        browser.await().until(d -> Boolean.TRUE.equals(browser.js(
                "const c = document.querySelector('[data-widget=totalPages] canvas'); return !!(window.Chart && c && window.Chart.getChart(c));")));
        browser.textIs("[data-widget=environment] [data-eco=sheets] .eco-value", "900");
        browser.textContains("[data-widget=licence] .licence-state", "No licence");
        assertThat(browser.takeJsErrors()).isEmpty();
    }

    @Test
    @Order(6)
    void aRemovedWidgetStaysRemovedUntilTheDefaultLayoutIsRestored() {
        loggedInAsAdmin();
        open("home");
        browser.visible("[data-widget=environment] [data-test=widget-menu]").click();
        browser.visible("[data-widget=environment] [data-item=remove]").click();
        browser.gone("[data-widget=environment]");

        browser.driver.navigate().refresh();
        browser.visible("[data-widget=quickSetup]");
        browser.settled();
        assertThat(browser.all("[data-widget=environment]")).isEmpty();

        browser.visible("[data-test=dashboard-tools]").click();
        browser.visible("[data-item=default-layout]").click();
        browser.visible("[data-widget=environment] .eco");
        assertThat(browser.all("[data-widget]")).hasSize(5);
        assertThat(browser.takeJsErrors()).isEmpty();
    }

    @Test
    @Order(7)
    void settingsShowTheFieldInErrorAndSaveGoodInput() {
        loggedInAsAdmin();
        open("settings/general");
        WebElement decimals = browser.visible("#set-general-decimals");
        WebElement email = browser.visible("#set-general-adminEmail");
        decimals.clear();
        decimals.sendKeys("9");
        email.clear();
        email.sendKeys("admin@example.com");
        browser.driver.findElement(By.cssSelector("[data-test=settings-save]")).click();
        browser.textContains("[data-field='general.decimals'] .field-error", "Enter a number from 0 to 5.");
        assertThat(browser.visible("#set-general-decimals").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(settings.get("general.decimals")).isEqualTo("2");

        WebElement again = browser.visible("#set-general-decimals");
        again.clear();
        again.sendKeys("3");
        browser.driver.findElement(By.cssSelector("[data-test=settings-save]")).click();
        browser.textContains(".form-summary", "Settings saved.");
        assertThat(settings.get("general.decimals")).isEqualTo("3");
        assertThat(settings.get("general.adminEmail")).isEqualTo("admin@example.com");
        assertThat(browser.all("[data-field='general.decimals'].has-error")).isEmpty();
        assertThat(browser.takeJsErrors()).isEmpty();
    }

    @Test
    @Order(8)
    void externalReportsSayWhyTheBuiltInDatabaseCannotHaveTheAccount() {
        loggedInAsAdmin();
        open("settings/external-reports");
        browser.textContains("[data-test=external-reports-unavailable]", "opened by Ream Central alone");
        assertThat(browser.visible("[data-test=external-reports-account]").getAttribute("value")).isEqualTo("DB_DATAREADER");
        assertThat(browser.driver.findElement(By.cssSelector("[data-test=external-reports-save]")).isEnabled()).isFalse();
        assertThat(browser.all("[data-test=external-reports-views] li")).hasSize(org.ream.central.reporting.BiViews.names().size());
        assertThat(browser.takeJsErrors()).isEmpty();
    }

    @Test
    @Order(90)
    void forgotPinMailsACodeThatGetsANewPinToLogInWith() {
        org.ream.central.mail.SmtpReceiver smtp = org.ream.central.mail.SmtpReceiver.smtp().start();
        try {
            java.util.Map<String, String> values = new java.util.HashMap<>(smtp.settings(org.ream.central.notification.SmtpSecurity.PREFER_STARTTLS, false));
            values.put("pin.resetMailMessage", "Code: %code%");
            values.put("pin.mailMessage", "PIN: %pin%");
            settings.write(values, org.ream.central.security.Actor.SYSTEM, "PIN reset in the browser", null);
            String user = org.ream.central.logging.TestAccounts.user(databases, "ui-forgot");
            databases.mainJdbc().update("UPDATE USERS SET EMAIL = ? WHERE USERNAME = ?", user + "@example.org", user);

            browser.driver.manage().deleteAllCookies();
            open("login");
            browser.visible("#login-mode").click();
            browser.visible("#login-forgot-pin").click();
            WebElement name = browser.visible("#reset-username");
            name.clear();
            name.sendKeys(user);
            browser.driver.findElement(By.id("reset-send")).click();
            browser.textContains("#reset-message", "code is on its way");
            String code = mailed(smtp, "Code: ([A-Z0-9]{8})");
            browser.visible("#reset-code").sendKeys(code);
            browser.driver.findElement(By.id("reset-confirm")).click();
            browser.textContains("#reset-message", "new PIN has been sent");
            String pin = mailed(smtp, "PIN: (\\d+)");

            WebElement login = browser.visible("#login-username");
            login.clear();
            login.sendKeys(user);
            browser.driver.findElement(By.id("login-password")).sendKeys(pin);
            browser.driver.findElement(By.id("login-submit")).click();
            browser.visible(".topbar");
            assertThat(browser.takeJsErrors()).isEmpty();
            // Leave as the other tests expect: logged out.
            browser.driver.manage().deleteAllCookies();
            browser.driver.navigate().refresh();
            browser.visible("#login-username");
        } finally {
            smtp.stop();
        }
    }

    private static String mailed(org.ream.central.mail.SmtpReceiver smtp, String regex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> smtp.received().stream().anyMatch(m -> p.matcher(org.ream.central.mail.SmtpReceiver.part(m, "text/plain")).find()));
        java.util.regex.Matcher m = p.matcher(smtp.received().stream().map(x -> org.ream.central.mail.SmtpReceiver.part(x, "text/plain"))
                .filter(t -> p.matcher(t).find()).reduce((a, b) -> b).orElseThrow());
        m.find();
        return m.group(1);
    }

    @Test
    @Order(100)
    void changingTheDefaultPasswordRemovesTheBanner() {
        loggedInAsAdmin();
        open("home");
        browser.visible("[data-test=banner-change-password]").click();
        browser.visible("#pw-current").sendKeys("1234");
        browser.driver.findElement(By.id("pw-new")).sendKeys("Ream-UI-test-1");
        browser.driver.findElement(By.id("pw-again")).sendKeys("Ream-UI-test-1");
        browser.driver.findElement(By.cssSelector("[data-action=save-password]")).click();
        browser.gone("[data-test=default-password-banner]");
        currentAdminPassword = "Ream-UI-test-1";

        browser.driver.navigate().refresh();
        browser.visible("[data-widget=quickSetup]");
        assertThat(browser.all("[data-test=default-password-banner]")).isEmpty();
        assertThat(browser.takeJsErrors()).isEmpty();
    }
}
