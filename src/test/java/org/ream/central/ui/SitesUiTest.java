package org.ream.central.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.ream.central.persistence.Databases;
import org.ream.central.security.Actor;
import org.ream.central.settings.SettingsStore;
import org.ream.central.sitesim.ActivityGenerator;
import org.ream.central.sitesim.RequestCheck;
import org.ream.central.sitesim.SiteServer;
import org.ream.central.sitesim.SiteSpec;

/** The Sites tab (6.14) in a real browser, against a simulated site over HTTP: status, Replicate data, the site panel. */
@QuarkusTest
@TestProfile(UsersUiTest.OwnDataFolder.class)
class SitesUiTest {

    static final String PASSWORD = "ui-site-secret";
    static Browser browser;
    static ExecutorService executor;

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
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Test
    void checkStatusReplicateDataAndEditTheSite() throws Exception {
        settings.write(Map.of("security.communicationPassword", PASSWORD), Actor.SYSTEM, "site password of the UI test", null);
        SiteSpec spec = SiteSpec.of(4242, 3, 3, 8, 1);
        SiteServer server = new SiteServer(new ActivityGenerator(spec), new InetSocketAddress("127.0.0.1", 0), executor,
                RequestCheck.signedFor(spec.name(), PASSWORD)).start();
        try {
            long id = databases.newId();
            databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id, spec.name(), "127.0.0.1", server.port(), false, true, "UNKNOWN", Instant.now());

            browser.driver.get(root + "#/login");
            browser.type("#login-username", "*admin");
            browser.type("#login-password", "1234");
            browser.driver.findElement(By.id("login-submit")).click();
            browser.visible(".topbar");
            browser.driver.get(root + "#/sites");
            browser.settled();
            browser.textContains("[data-test=sites-table]", spec.name());

            // Check status, then Replicate data: the table shows Ready and, once loaded, OK.
            browser.visible("tr[data-id='" + id + "']").click();
            browser.driver.findElement(By.cssSelector("[data-test=sites-actions]")).click();
            browser.visible("[data-item=status]").click();
            browser.await().until(d -> "READY".equals(column("STATUS", id)));
            browser.driver.findElement(By.cssSelector("[data-test=sites-actions]")).click();
            browser.visible("[data-item=replicate]").click();
            browser.await().until(d -> "OK".equals(column("REPLICATION_STATUS", id)));
            assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USER_SESSIONS WHERE SITE_ID = ?", id)).isPositive();

            // The panel: a bad IP range is refused on its field, a good one is saved.
            browser.driver.get(root + "#/sites");
            browser.settled();
            browser.textContains("tr[data-id='" + id + "']", "OK");
            new Actions(browser.driver).doubleClick(browser.visible("tr[data-id='" + id + "']")).perform();
            browser.type(".side-panel [data-test=site-description]", "Head office, 3 printers");
            browser.type(".side-panel [data-test=site-client-ranges]", "10.0.0.0/33");
            browser.driver.findElement(By.cssSelector("[data-test=site-save]")).click();
            browser.visible(".side-panel .has-error .field-error");
            assertThat(column("DESCRIPTION", id)).isNull();
            browser.type(".side-panel [data-test=site-client-ranges]", "10.0.0.0/8");
            browser.driver.findElement(By.cssSelector("[data-test=site-save]")).click();
            browser.gone(".side-panel");
            assertThat(column("DESCRIPTION", id)).isEqualTo("Head office, 3 printers");
            assertThat(browser.takeJsErrors()).as("JavaScript errors").isEmpty();
        } finally {
            server.close();
        }
    }

    /** Payloads stored and not loaded yet show as a live progress bar above the table, gone once they are loaded. */
    @Test
    void theLoadPhaseShowsItsProgress() {
        long site = databases.newId();
        databases.mainJdbc().update("INSERT INTO SITES (ID, NAME, ADDRESS, PORT, SECURE, ENABLED, STATUS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                site, "Progress-" + site, "127.0.0.1", 9, false, true, "READY", Instant.now());
        long[] batches = {databases.newId(), databases.newId()};
        try {
            for (long b : batches) {
                // Recorded as stored but not queued: they wait until the test says they are loaded.
                databases.mainJdbc().update("INSERT INTO REPLICATION_BATCHES (ID, SITE_ID, BATCH_KEY, FILE_PATH, STATUS, DOWNLOADED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                        b, site, "progress-" + b, "/nonexistent/" + b, "DOWNLOADED", Instant.now());
            }
            browser.driver.get(root + "#/login");
            browser.type("#login-username", "*admin");
            browser.type("#login-password", "1234");
            browser.driver.findElement(By.id("login-submit")).click();
            browser.visible(".topbar");
            browser.driver.get(root + "#/sites");
            browser.settled();
            browser.textContains("[data-test=replication-progress]", "0 of 2 payload(s) done");

            databases.mainJdbc().update("UPDATE REPLICATION_BATCHES SET STATUS = 'LOADED', PROCESSED_COUNT = 1234, LOAD_STARTED_AT = ?, LOADED_AT = ? WHERE ID = ?",
                    Instant.now(), Instant.now(), batches[0]);
            browser.textContains("[data-test=replication-progress]", "1 of 2 payload(s) done");
            databases.mainJdbc().update("UPDATE REPLICATION_BATCHES SET STATUS = 'LOADED', LOAD_STARTED_AT = ?, LOADED_AT = ? WHERE ID = ?",
                    Instant.now(), Instant.now(), batches[1]);
            browser.gone("[data-test=replication-progress]:not([hidden])");
            assertThat(browser.takeJsErrors()).as("JavaScript errors").isEmpty();
        } finally {
            databases.mainJdbc().update("DELETE FROM REPLICATION_BATCHES WHERE SITE_ID = ?", site);
            databases.mainJdbc().update("DELETE FROM SITES WHERE ID = ?", site);
        }
    }

    String column(String column, long id) {
        return databases.mainJdbc().one("SELECT " + column + " FROM SITES WHERE ID = ?", rs -> rs.getString(1), id).map(String::trim).orElse(null);
    }
}
