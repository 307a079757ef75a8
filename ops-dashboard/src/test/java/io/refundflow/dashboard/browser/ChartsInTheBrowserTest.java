package io.refundflow.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EventEnvelope;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Flow tab draws the last hour minute by minute and the review queue's age as charts. */
class ChartsInTheBrowserTest extends BrowserTest {

    @Test
    void theFlowTabChartsRequestsAndDecisionsOfTheLastHourAndTheReviewQueuesAge() {
        // given a request the policy rejects at once, now
        String customerId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = "o-" + UUID.randomUUID();
        kafka.publish(EventEnvelope.of("billing", Claims.serverOrder(orderId, customerId, "365.00"),
                Clock.systemUTC()));
        kafka.publish(EventEnvelope.of("refund-intake",
                Claims.unsatisfiedClaim("r-" + UUID.randomUUID(), orderId, customerId), Clock.systemUTC()));

        // when ops look at the Flow tab
        signInAsOps("ops-1");

        // then this minute's bars count the request and the rejection
        new WebDriverWait(browser, WAIT).until(driver -> count(driver, "#chart-requests-svg rect.bar") > 0
                && count(driver, "#chart-decisions-svg rect.bar.rejected") > 0);
        // (read in one script: the charts are redrawn on every refresh, which would leave element handles stale)
        assertThat(script("const bars = document.querySelectorAll('#chart-requests-svg rect.bar');"
                + " return bars[bars.length - 1].getAttribute('data-count');")).matches("[1-9][0-9]*");
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
