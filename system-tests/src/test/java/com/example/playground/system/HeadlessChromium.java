package com.example.playground.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) for the tests of
 * pages a user opens: the control room, the gateway's Swagger UI; and what both tests read of a page.
 *
 * <p>Without Chromium the calling test is skipped and says so, unless {@code PLAYGROUND_REQUIRE_BROWSER}
 * is set (CI sets it: there, a missing browser is a failure).
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PLAYGROUND_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("PLAYGROUND_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** {@code page}: what the test opens, for the message when it is skipped. */
    static ChromeDriver start(String page) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("PLAYGROUND_REQUIRE_BROWSER") == null) {
            Assumptions.abort("No headless browser: install Debian's chromium and chromium-driver (or set "
                    + "PLAYGROUND_CHROMIUM and PLAYGROUND_CHROMEDRIVER) to run the test of " + page);
        }
        assertThat(present).as("%s and %s must exist: apt-get install chromium chromium-driver", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--window-size=1600,1800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The text of an element, read in one script call: a page may re-render between two calls. */
    static String text(ChromeDriver browser, String selector) {
        Object text = browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null", selector);
        return text == null ? "" : text.toString().trim();
    }

    /** The page as it looks now, to target/NAME (the docs' screenshots are copied from there). */
    static void screenshot(ChromeDriver browser, String name) {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        try {
            Path target = Path.of("target", name);
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
