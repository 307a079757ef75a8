package io.refundflow.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Four eyes from the page: an approval above the policy's threshold (fourEyesAbove, 5000.00 CNY) by one reviewer
 * waits for another, who completes it from the same page.
 */
class FourEyesInTheBrowserTest extends BrowserTest {

    @Test
    void aSecondReviewerCompletesAnApprovalAboveTheFourEyesThreshold() {
        // given a 10000.00 CNY server with a quality claim the policy sends to manual review (about 9726 pro rata)
        String orderId = "o-" + UUID.randomUUID();
        String refundId = "r-" + UUID.randomUUID();
        kafka.publish(EventEnvelope.of("billing", serverOrder(orderId), Clock.systemUTC()));
        kafka.publish(EventEnvelope.of("refund-intake", qualityClaim(refundId, orderId), Clock.systemUTC()));
        signInAsOps("ops-1");
        page.awaitText(By.cssSelector("#refunds tr[data-refund-id='" + refundId + "'] td.outcome"), "manual review");

        // when ops-1 claims it and approves the proposal
        page.click(By.cssSelector("#tabs button[data-view='reviews']"));
        page.click(By.cssSelector("#reviews button[data-claim='" + refundId + "']"));
        page.awaitText(By.id("review-status"), "claimed by ops-1");
        String amount = browser.findElement(By.id("decision-amount")).getDomProperty("value");
        page.click(By.id("decision-approve"));

        // then the approval waits for someone else
        page.awaitText(By.id("decision-message"), "awaits a second approval by someone other than ops-1");
        chromium.screenshot(SCREENSHOTS, "four-eyes-01-first-approval");

        // when ops-2 opens the case and approves it
        signInAsOps("ops-2");
        page.click(By.cssSelector("#tabs button[data-view='reviews']"));
        page.click(By.cssSelector("#reviews button[data-open='" + refundId + "']"));
        page.awaitText(By.id("review-status"), "awaiting second approval by someone other than ops-1");
        assertThat(browser.findElement(By.id("decision-amount")).getDomProperty("value")).isEqualTo(amount);
        page.click(By.id("decision-approve"));

        // then the page says who approved what
        page.awaitText(By.id("decision-message"), "review approved");
        assertThat(page.text(By.id("decision-message"))).contains(amount + " CNY by ops-2 after ops-1 approved "
                + amount + " CNY");
        chromium.screenshot(SCREENSHOTS, "four-eyes-02-second-approval");
    }

    private static BillingOrder serverOrder(String orderId) {
        Instant paid = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        return new BillingOrder(orderId, "c-1", "c-1@billing.example", "en", ProductKind.SERVER,
                BillingMode.SUBSCRIPTION, Money.of("10000.00", "CNY"), paid, paid, paid.plus(Duration.ofDays(365)),
                null, null, null);
    }

    private static RefundRequested qualityClaim(String refundId, String orderId) {
        return new RefundRequested(refundId, "CASE-" + refundId.substring(2, 10).toUpperCase(), orderId, "c-1",
                Ground.QUALITY_ISSUE, RequestKind.REFUND, "the disk fails every night", "en",
                List.of(new Evidence("fault.png", "image/png", 2048,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
