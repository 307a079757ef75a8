package io.refundflow.dashboard.browser;

import io.refundflow.testsupport.browser.Chromium;
import io.refundflow.dashboard.DashboardTest;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real browser (headless Chromium), with the services as processes ({@code DashboardTest}):
 * each test starts signed out in the module's one browser ({@link Chromium#shared()}), has a Kafka client to publish
 * what the page should show, and signs in as it needs. Screenshots go to {@code target/screenshots}.
 */
@DashboardTest
abstract class BrowserTest {

    static final Duration WAIT = Duration.ofSeconds(45);
    static final Path SCREENSHOTS = Path.of(System.getProperty("refund.dashboard.screenshots", "target/screenshots"));

    final KafkaTestClient kafka = new KafkaTestClient();
    Chromium chromium;
    WebDriver browser;
    Page page;

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    @BeforeEach
    void signedOut() {
        chromium = Chromium.shared();
        browser = chromium.driver();
        page = new Page(browser, WAIT);
        // the dashboards of every test class and the identity provider share the host 127.0.0.1, so this drops
        // every session an earlier test left in the browser
        browser.get(base() + "/login.html");
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Signs in on the login page with an ops token (development mode) and waits for the page to say who. */
    void signInAsOps(String reviewer) {
        browser.get(base() + "/login.html");
        page.logIn(tokens.ops(reviewer));
        page.awaitText(By.id("who"), reviewer);
    }
}
