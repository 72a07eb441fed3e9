package org.ream.central.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver, both named explicitly so that
 * Selenium Manager never looks for (or downloads) a browser. Collects the JavaScript errors
 * the browser console reports.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String MISSING = "Chromium not installed: apt-get install chromium chromium-driver";

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final List<String> jsErrors = new ArrayList<>();

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser() {
        try {
            profile = Files.createTempDirectory("ream-ui-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                "--lang=en-US", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
    }

    WebElement visible(String css) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Replaces the text of a visible input. */
    void type(String css, String text) {
        WebElement e = visible(css);
        e.clear();
        e.sendKeys(text);
    }

    void gone(String css) {
        await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    void textIs(String css, String text) {
        await().until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }

    void textContains(String css, String text) {
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the page's data has arrived: no loading indicator left in the main area. */
    void settled() {
        await().until(d -> Boolean.TRUE.equals(js("return document.querySelector('#main .loading, #main .is-loading') === null")));
    }

    /**
     * JavaScript errors reported since the last call. A failed request (a 404 of an API that a
     * page handles) is a network message, not a script error, and is left out.
     */
    List<String> takeJsErrors() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !e.getMessage().contains("Failed to load resource")) {
                jsErrors.add(e.getMessage());
            }
        }
        List<String> out = List.copyOf(jsErrors);
        jsErrors.clear();
        return out;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
