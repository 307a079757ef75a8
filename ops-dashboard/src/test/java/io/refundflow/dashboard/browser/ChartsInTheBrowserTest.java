package io.refundflow.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.DashboardTest;
import io.refundflow.events.EventEnvelope;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Flow tab draws the last hour minute by minute and the review queue's age as charts. */
@DashboardTest
class ChartsInTheBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static Chromium chromium;

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        kafka.close();
    }

    @Test
    void theFlowTabChartsRequestsAndDecisionsOfTheLastHourAndTheReviewQueuesAge() {
        // given a request the policy rejects at once, now
        String customerId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = "o-" + UUID.randomUUID();
        kafka.publish(EventEnvelope.of("dashboard-test", Claims.serverOrder(orderId, customerId, "365.00"),
                Clock.systemUTC()));
        kafka.publish(EventEnvelope.of("refund-intake",
                Claims.unsatisfiedClaim("r-" + UUID.randomUUID(), orderId, customerId), Clock.systemUTC()));

        // when ops look at the Flow tab
        WebDriver browser = chromium.driver();
        Page page = new Page(browser, WAIT);
        browser.get("http://127.0.0.1:" + port + "/login.html");
        page.logIn(tokens.ops("ops-1"));
        page.awaitText(By.id("who"), "ops-1");

        // then this minute's bars count the request and the rejection
        new WebDriverWait(browser, WAIT).until(driver -> count(driver, "#chart-requests-svg rect.bar") > 0
                && count(driver, "#chart-decisions-svg rect.bar.rejected") > 0);
        List<WebElement> minutes = browser.findElements(By.cssSelector("#chart-requests-svg rect.bar"));
        assertThat(minutes.get(minutes.size() - 1).getDomAttribute("data-count")).matches("[1-9][0-9]*");
        // and the review queue's age is drawn in its five groups, with a summary
        assertThat(browser.findElements(By.cssSelector("#chart-review-age-svg text.axis")))
                .extracting(WebElement::getText)
                .contains("< 1 h", "1–4 h", "4–24 h", "1–2 d", "> 2 d");
        assertThat(page.text(By.id("review-age-summary"))).matches("\\d+ waiting.*");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('charts-panel').scrollIntoView()");
        chromium.screenshot(DashboardInTheBrowserTest.SCREENSHOTS, "14-flow-charts");
    }

    private static int count(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }
}
