package io.refundflow.testsupport.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages ({@value #BROWSER}, driven through {@value #DRIVER}). Both paths
 * are given explicitly, so Selenium Manager never runs and nothing is downloaded. When the browser cannot
 * start, the test fails with the reason and how to install it; it is never skipped. Shared by the browser tests
 * of the ops dashboard and the customer page.
 */
public final class Chromium {

    public static final String BROWSER = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private static Chromium shared;

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * The one browser of this test JVM, started by the first test that asks and closed when the JVM ends: a launch
     * costs seconds on a loaded machine, so the test classes take turns with it rather than each starting its own.
     * A test that needs no earlier state starts by dropping the cookies of the host it uses.
     */
    public static synchronized Chromium shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "chromium-stop"));
        }
        return shared;
    }

    private static Chromium start() {
        for (String program : new String[] {BROWSER, DRIVER}) {
            if (!new File(program).canExecute()) {
                throw new IllegalStateException(program + " is missing: the browser test needs Debian's chromium and "
                        + "chromium-driver packages (apt-get install -y chromium chromium-driver; .ci/run does this)");
            }
        }
        System.setProperty("webdriver.chrome.driver", DRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("refund-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--window-size=1440,1100",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw new IllegalStateException("headless Chromium (" + BROWSER + " via " + DRIVER + ") did not start: "
                    + e.getMessage(), e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a screenshot of the page as {@code <dir>/<name>.png} and returns its path. */
    public Path screenshot(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes the window, e.g. to a phone's width, for what follows. */
    public void windowSize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    private void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
