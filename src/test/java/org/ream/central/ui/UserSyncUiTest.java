package org.ream.central.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.ream.central.persistence.Databases;

/**
 * Settings > User synchronization in a real browser: a CSV source added through the "Add"
 * menu (a bad encoding refused next to its field first), a dry run and a real run of it with
 * their progress and result log, and the users it brought in checked in the database.
 */
@QuarkusTest
@TestProfile(UserSyncUiTest.OwnDataFolder.class)
class UserSyncUiTest {

    public static class OwnDataFolder implements QuarkusTestProfile {
        static final String DIR = "target/test-data/ui-usersync-" + UUID.randomUUID();

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

    private long usersNamed(List<String> logins) {
        return databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME IN (?, ?, ?) AND DELETED_AT IS NULL", logins.toArray());
    }

    @Test
    void addCsvSourceThenDryRunAndSynchronizeAndReadTheResultLog() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        List<String> logins = List.of("ui-sync-ada-" + suffix, "ui-sync-alan-" + suffix, "ui-sync-grace-" + suffix);
        // The manual's 15 columns (8.7.4), a header line first (Skip header is on by default); lines
        // with a delimiter after the 15th column (as in the manual's example) and without (the last).
        Path csv = Path.of(OwnDataFolder.DIR).toAbsolutePath().resolve("import-" + suffix + ".csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, String.join("\n",
                "\"FULLNAME\";\"USERNAME_ALIASES\";\"EMAIL\";\"CARDS\";\"GROUPS\";\"CODE\";\"SCANSTORAGE\";\"PIN\";\"MANAGED_GROUPS\";\"AUTHSERVER\";"
                        + "\"PHONE\";\"LANG\";\"PWD\";\"EXTID\";\"DELEGATES\"",
                "\"Ada Lovelace\";\"" + logins.get(0) + "\";\"ada@example.org\";;\"Group A|Sub\";;;;;;;;;;;",
                "\"Alan Turing\";\"" + logins.get(1) + "\";\"alan@example.org\";;\"Group A|Sub\";;;;;;;;;;;",
                "\"Grace Hopper\";\"" + logins.get(2) + "\";\"grace@example.org\";;\"Group B\";;;;;;;;;;",
                ""), StandardCharsets.UTF_8);
        String name = "UI CSV " + suffix;

        open("login");
        browser.type("#login-username", "*admin");
        browser.type("#login-password", "1234");
        browser.driver.findElement(By.id("login-submit")).click();
        browser.visible(".topbar");

        open("settings/usersync");
        browser.visible("#main .page-title");
        browser.settled();

        // Add > CSV file opens the side panel with the CSV sections.
        browser.visible("[data-test=sync-add]").click();
        browser.visible(".menu-item[data-item=CSV]").click();
        browser.visible(".side-panel [data-test=sync-section-general]");
        browser.visible(".side-panel [data-test=sync-section-users]");
        assertThat(browser.visible(".side-panel-header h2").getText()).isEqualTo("CSV file");
        assertThat(browser.visible(".side-panel [data-test=sync-encoding]").getAttribute("value")).isEqualTo("UTF-8");
        assertThat(browser.all(".side-panel label[for]")).as("every field has a label")
                .allSatisfy(l -> assertThat(l.getText()).doesNotStartWith("usersync.").isNotBlank());
        browser.type(".side-panel [data-test=sync-name]", name);
        browser.type(".side-panel [data-test=sync-file]", csv.toString());
        browser.type(".side-panel [data-test=sync-delimiter]", ";");

        // A bad encoding is refused next to its field, and nothing is saved.
        browser.type(".side-panel [data-test=sync-encoding]", "klingon-8");
        browser.driver.findElement(By.cssSelector("[data-test=sync-save]")).click();
        browser.textContains(".side-panel [data-field=encoding].has-error .field-error", "klingon-8");
        assertThat(browser.visible(".side-panel [data-test=sync-encoding]").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.all(".side-panel .has-error")).hasSize(1);
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM SYNC_SOURCES WHERE NAME = ?", name)).isZero();

        browser.type(".side-panel [data-test=sync-encoding]", "UTF-8");
        browser.driver.findElement(By.cssSelector("[data-test=sync-save]")).click();
        browser.gone(".side-panel");
        browser.textContains(".page-usersync .table-card:not([data-test]) tbody", name);
        long sourceId = databases.mainJdbc().count("SELECT ID FROM SYNC_SOURCES WHERE NAME = ?", name);
        assertThat(sourceId).isPositive();
        assertThat(databases.mainJdbc().one("SELECT CONFIG FROM SYNC_SOURCES WHERE ID = ?", rs -> rs.getString(1), sourceId).orElseThrow())
                .contains(csv.getFileName().toString()).contains("UTF-8");

        // Select the source; a dry run writes nothing.
        browser.visible("tr[data-id='" + sourceId + "']").click();
        browser.await().until(d -> browser.all("tr[data-id='" + sourceId + "'][aria-selected=true]").size() == 1);
        watchProgress();
        browser.driver.findElement(By.cssSelector("[data-test=sync-dry-run]")).click();
        // The dialog offers every source, the selected one checked.
        assertThat(browser.visible("dialog [data-test=sync-pick-" + sourceId + "]").isSelected()).isTrue();
        browser.driver.findElement(By.cssSelector("dialog [data-action=run]")).click();
        browser.await().until(d -> Boolean.TRUE.equals(browser.js("return window.__syncProgressSeen")));
        browser.await().until(d -> finishedRuns() == 1 && browser.all("[data-test=sync-runs] [data-test=sync-progress]").isEmpty());
        browser.textContains("[data-test=sync-runs] tbody tr:first-child [data-test=sync-status]", "Done (Dry run)");
        assertThat(usersNamed(logins)).as("a dry run writes nothing").isZero();

        // Synchronize now: progress first, then a finished status.
        assertThat(browser.all("tr[data-id='" + sourceId + "'][aria-selected=true]")).as("the source stays selected").hasSize(1);
        watchProgress();
        browser.driver.findElement(By.cssSelector("[data-test=sync-run]")).click();
        browser.driver.findElement(By.cssSelector("dialog [data-action=run]")).click();
        browser.await().until(d -> Boolean.TRUE.equals(browser.js("return window.__syncProgressSeen")));
        browser.await().until(d -> finishedRuns() == 2 && browser.all("[data-test=sync-runs] [data-test=sync-progress]").isEmpty());
        String status = browser.visible("[data-test=sync-runs] tbody tr:first-child [data-test=sync-status]").getText();
        assertThat(status).isEqualTo("Done");
        browser.textContains("[data-test=sync-runs] tbody tr:first-child", "added 3");

        // Opening the run shows its result log, with one ADD line per user, and a download link.
        new Actions(browser.driver).doubleClick(browser.visible("[data-test=sync-runs] tbody tr:first-child")).perform();
        browser.visible(".side-panel .details-pre");
        for (String login : logins) {
            browser.textContains(".side-panel .details-pre", "ADD " + login);
        }
        WebElement download = browser.visible(".side-panel [data-test=sync-log-download]");
        Object disposition = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status + ' ' + r.headers.get('Content-Disposition')), e => done(String(e)));",
                download.getAttribute("href"));
        assertThat(String.valueOf(disposition)).startsWith("200 attachment");
        // An address that is not one is refused; the log is not mailed.
        browser.type(".side-panel [data-test=sync-log-mail-to]", "not an address");
        // A toast may lie over the panel's footer: it lets the click through.
        browser.driver.findElement(By.cssSelector(".side-panel [data-test=sync-log-mail]")).click();
        browser.textContains(".toast-error", "to:");

        // The users are in the database, with their e-mail and group.
        assertThat(usersNamed(logins)).isEqualTo(3);
        assertThat(databases.mainJdbc().one("SELECT EMAIL FROM USERS WHERE USERNAME = ?", rs -> rs.getString(1), logins.get(0))).contains("ada@example.org");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ? AND SYNC_SOURCE_ID = ?", logins.get(1), sourceId))
                .isEqualTo(1);
        assertThat(databases.mainJdbc().query("SELECT g.FULL_PATH FROM GROUP_MEMBERS m JOIN USER_GROUPS g ON g.ID = m.GROUP_ID"
                + " JOIN USERS u ON u.ID = m.USER_ID WHERE u.USERNAME = ?", rs -> rs.getString(1), logins.get(0))).containsExactly("Group A|Sub");

        assertThat(browser.takeJsErrors()).as("JavaScript errors").isEmpty();
    }

    /** Records whether a run's progress was shown in the runs table at any moment from now on (a small run can be over within a poll). */
    private void watchProgress() {
        browser.js("window.__syncProgressSeen = false;"
                + "const host = document.querySelector('[data-test=sync-runs]');"
                + "if (window.__syncProgressWatch) window.__syncProgressWatch.disconnect();"
                + "window.__syncProgressWatch = new MutationObserver(() => {"
                + "  if (host.querySelector('[data-test=sync-progress]')) window.__syncProgressSeen = true; });"
                + "window.__syncProgressWatch.observe(host, {childList: true, subtree: true});");
    }

    private long finishedRuns() {
        return browser.all("[data-test=sync-runs] [data-test=sync-status]").size();
    }
}
