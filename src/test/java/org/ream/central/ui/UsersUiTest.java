package org.ream.central.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.ream.central.persistence.Databases;

/**
 * The user-management flows of issue 6 in a real browser: add a user, put them in a group,
 * make them its manager, grant them a right, lock and unlock them. Each step is checked in the
 * database, not only on screen.
 */
@QuarkusTest
@TestProfile(UsersUiTest.OwnDataFolder.class)
class UsersUiTest {

    public static class OwnDataFolder implements QuarkusTestProfile {
        private static final String DIR = "target/test-data/ui-users-" + UUID.randomUUID();

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

    @Test
    void addUserPutInGroupMakeManagerGrantRightLockAndUnlock() {
        open("login");
        browser.type("#login-username", "*admin");
        browser.type("#login-password", "1234");
        browser.driver.findElement(By.id("login-submit")).click();
        browser.visible(".topbar");

        // Add a user.
        open("users");
        browser.settled();
        browser.visible("[data-test=user-add]").click();
        browser.type(".side-panel [data-test=user-username]", "ui-alice");
        browser.type(".side-panel [data-test=user-fullName]", "Alice Martin");
        browser.type(".side-panel [data-test=user-email]", "alice@example.org");
        browser.driver.findElement(By.cssSelector("[data-test=user-save]")).click();
        browser.textContains(".users-table", "ui-alice");
        long userId = databases.mainJdbc().count("SELECT ID FROM USERS WHERE USERNAME = ?", "ui-alice");
        assertThat(userId).isPositive();
        assertThat(databases.mainJdbc().one("SELECT FULL_NAME FROM USERS WHERE ID = ?", rs -> rs.getString(1), userId)).contains("Alice Martin");

        // A duplicate user name is refused next to the field, and nothing is saved.
        browser.driver.findElement(By.cssSelector("[data-test=user-add]")).click();
        browser.type(".side-panel [data-test=user-username]", "ui-alice");
        browser.driver.findElement(By.cssSelector("[data-test=user-save]")).click();
        browser.visible(".side-panel .has-error .field-error");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE USERNAME = ?", "ui-alice")).isEqualTo(1);
        browser.driver.findElement(By.cssSelector(".side-panel-header button")).click();

        // Put them in a new group and make them its manager.
        open("users/groups");
        browser.visible("[data-test=group-add]").click();
        browser.type("[data-test=new-group-name]", "UI Group");
        browser.driver.findElement(By.cssSelector("dialog [type=submit]")).click();
        browser.visible("[data-test=group-name]");
        WebElement member = browser.visible("[data-test=group-add-member]");
        member.sendKeys("ui-alice");
        member.sendKeys(Keys.TAB); // change event
        browser.textContains(".group-detail .data-table", "ui-alice");
        long groupId = databases.mainJdbc().count("SELECT ID FROM USER_GROUPS WHERE NAME = ?", "UI Group");
        browser.visible("[data-test=member-manager]").click();
        browser.await().until(d -> databases.mainJdbc().count("SELECT COUNT(*) FROM GROUP_MEMBERS WHERE GROUP_ID = ? AND USER_ID = ? AND IS_MANAGER = ?",
                groupId, userId, true) == 1);
        // Their first group is their accounting group.
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM GROUP_MEMBERS WHERE USER_ID = ? AND IS_ACCOUNTING = ?", userId, true)).isEqualTo(1);

        // Grant a right.
        open("settings/rights");
        browser.visible("[data-test=right-add-MANAGE_REPORTS]").click();
        browser.type("dialog [data-test=right-user]", "ui-alice");
        browser.driver.findElement(By.cssSelector("dialog [type=submit]")).click();
        browser.textContains("[data-right=MANAGE_REPORTS]", "ui-alice");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM RIGHT_GRANTS WHERE USER_ID = ? AND RIGHT_CODE = ?", userId, "MANAGE_REPORTS")).isEqualTo(1);

        // Lock and unlock.
        open("users");
        browser.settled();
        browser.type("[data-test=user-search]", "ui-alice");
        browser.await().until(d -> browser.all(".users-table tbody tr[data-id]").size() == 1);
        browser.driver.findElement(By.cssSelector(".users-table tbody tr[data-id]")).click();
        browser.driver.findElement(By.cssSelector("[data-test=user-lock]")).click();
        browser.textContains(".users-table", "Locked");
        assertThat(databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE ID = ? AND LOCKED_AT IS NOT NULL", userId)).isEqualTo(1);
        browser.driver.findElement(By.cssSelector(".users-table tbody tr[data-id]")).click();
        browser.driver.findElement(By.cssSelector("[data-test=user-lock]")).click();
        browser.await().until(d -> databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE ID = ? AND LOCKED_AT IS NULL", userId) == 1);

        // Give them a password in the user panel (8.4.1), once the table shows the unlocked row (it is drawn again).
        browser.await().until(d -> !d.findElement(By.cssSelector(".users-table")).getText().contains("Locked"));
        browser.await().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            new org.openqa.selenium.interactions.Actions(browser.driver).doubleClick(d.findElement(By.cssSelector(".users-table tbody tr[data-id]"))).perform();
            return !browser.all(".side-panel [data-test=user-new-password]").isEmpty();
        });
        browser.type(".side-panel [data-test=user-new-password]", "Alice-Pass-2026");
        browser.driver.findElement(By.cssSelector(".side-panel [data-test=user-set-password]")).click();
        browser.await().until(d -> org.ream.central.security.PasswordHasher.verify("Alice-Pass-2026",
                databases.mainJdbc().one("SELECT PASSWORD_HASH FROM USERS WHERE ID = ?", rs -> rs.getString(1), userId).orElse(null)));

        assertThat(browser.takeJsErrors()).as("JavaScript errors").isEmpty();
    }
}
