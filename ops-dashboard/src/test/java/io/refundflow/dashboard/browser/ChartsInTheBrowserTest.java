package io.refundflow.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Flow tab draws the last hour minute by minute and the review queue's age as charts. */
class ChartsInTheBrowserTest extends BrowserTest {

    /** Inside the hour the chart shows, and older than any other record of the module's run. */
    private static final Duration OWN_MINUTE_AGO = Duration.ofMinutes(55);

    @Test
    void theFlowTabChartsRequestsAndDecisionsOfTheLastHourAndTheReviewQueuesAge() {
        // given a request the policy rejects at once, its record stamped in a minute near the start of the hour
        // shown that no other test's record falls in (the module's other records are stamped as they are sent)
        String customerId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = "o-" + UUID.randomUUID();
        kafka.publish(EventEnvelope.of("billing", Claims.serverOrder(orderId, customerId, "365.00"),
                Clock.systemUTC()));
        kafka.publishStamped(Topics.REQUESTS, EventEnvelope.of("refund-intake",
                Claims.unsatisfiedClaim("r-" + UUID.randomUUID(), orderId, customerId), Clock.systemUTC()),
                Instant.now().minus(OWN_MINUTE_AGO));

        // when ops look at the Flow tab
        signInAsOps("ops-1");

        // then the bars count the request in its own minute, exactly once, and the rejection
        new WebDriverWait(browser, WAIT).until(driver -> count(driver, "#chart-requests-svg rect.bar") > 0
                && count(driver, "#chart-decisions-svg rect.bar.rejected") > 0);
        // (read in one script: the charts are redrawn on every refresh, which would leave element handles stale;
        // bars are drawn oldest minute first, and only for minutes with a count)
        assertThat(script("return document.querySelector('#chart-requests-svg rect.bar').getAttribute('data-count');"))
                .isEqualTo("1");
        // and the review queue's age is drawn in its five groups, with a summary
        assertThat(script("return Array.from(document.querySelectorAll('#chart-review-age-svg text.axis'))"
                + ".map(t => t.textContent).join('|');").split("\\|"))
                .contains("< 1 h", "1–4 h", "4–24 h", "1–2 d", "> 2 d");
        assertThat(page.text(By.id("review-age-summary"))).matches("\\d+ waiting.*");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('charts-panel').scrollIntoView()");
        chromium.screenshot(SCREENSHOTS, "14-flow-charts");
    }

    private String script(String javascript) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(javascript));
    }

    private static int count(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }
}
