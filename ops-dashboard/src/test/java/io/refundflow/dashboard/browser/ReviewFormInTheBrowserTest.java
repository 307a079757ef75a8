package io.refundflow.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
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
 * The review form proposes nothing the policy would not: an exchange is offered for approval without an amount,
 * and a case whose rule proposes no refund (refund: NONE) gets no amount either, so paying money there takes a
 * typed amount and a reason. (The policy's own proposal is pre-filled: FourEyesInTheBrowserTest.)
 */
class ReviewFormInTheBrowserTest extends BrowserTest {

    @Test
    void anExchangeIsOfferedForApprovalWithoutAnAmount() {
        // given an exchange asked for on an API product paid 49.00 CNY (exchange.manual-review, refund: NONE)
        String refundId = openedForReview(RequestKind.EXCHANGE, Ground.UNSATISFIED);

        // when ops-1 claims it
        claim(refundId);

        // then the form offers to approve the exchange, with no amount to send
        assertThat(browser.findElements(By.id("decision-amount"))).isEmpty();
        assertThat(page.text(By.id("decision-approve"))).isEqualTo("Approve exchange");
        assertThat(page.text(By.id("decision-hint"))).contains("no money is refunded");
        chromium.screenshot(SCREENSHOTS, "review-form-01-exchange");

        // and approving it approves the exchange, paying nothing
        page.click(By.id("decision-approve"));
        page.awaitText(By.id("decision-message"), "exchange approved");
        assertThat(page.text(By.id("decision-message"))).doesNotContain("CNY");
    }

    @Test
    void aCaseWhoseRuleProposesNoRefundIsNotPrefilledWithAnAmount() {
        // given a quality claim on an API product (claim.non-server.manual-review, refund: NONE), paid 49.00 CNY
        String refundId = openedForReview(RequestKind.REFUND, Ground.QUALITY_ISSUE);

        // when ops-1 claims it
        claim(refundId);

        // then nothing is proposed: to pay, the reviewer types an amount and a reason
        assertThat(browser.findElement(By.id("decision-amount")).getDomProperty("value")).isEmpty();
        assertThat(page.text(By.id("decision-hint"))).contains("type the amount and a reason");
        chromium.screenshot(SCREENSHOTS, "review-form-02-no-proposal");

        // and approving as it stands pays nothing by default: it is refused
        page.click(By.id("decision-approve"));
        page.awaitText(By.id("decision-message"), "Decision failed");

        // while an amount and a reason typed in pay that amount, shown as against the policy
        browser.findElement(By.id("decision-amount")).sendKeys("10.00");
        browser.findElement(By.id("decision-currency")).sendKeys("CNY");
        browser.findElement(By.id("decision-reason-en")).sendKeys("The download was broken for a week");
        browser.findElement(By.id("decision-reason-zh")).sendKeys("下载故障持续了一周");
        page.click(By.id("decision-approve"));
        page.awaitText(By.id("decision-message"), "review approved");
        assertThat(page.text(By.id("decision-message"))).contains("10.00 CNY against the policy");
    }

    private String openedForReview(RequestKind kind, Ground ground) {
        String orderId = "o-" + UUID.randomUUID();
        String refundId = "r-" + UUID.randomUUID();
        kafka.publish(EventEnvelope.of("billing", apiOrder(orderId), Clock.systemUTC()));
        kafka.publish(EventEnvelope.of("refund-intake", new RefundRequested(refundId,
                "CASE-" + refundId.substring(2, 10).toUpperCase(), orderId, "c-1", ground, kind,
                "the download is broken", "en", List.of(), Instant.now().truncatedTo(ChronoUnit.SECONDS)),
                Clock.systemUTC()));
        signInAsOps("ops-1");
        page.awaitText(By.cssSelector("#refunds tr[data-refund-id='" + refundId + "'] td.outcome"), "manual review");
        return refundId;
    }

    private void claim(String refundId) {
        page.click(By.cssSelector("#tabs button[data-view='reviews']"));
        page.click(By.cssSelector("#reviews button[data-claim='" + refundId + "']"));
        page.awaitText(By.id("review-status"), "claimed by ops-1");
    }

    private static BillingOrder apiOrder(String orderId) {
        Instant paid = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        return new BillingOrder(orderId, "c-1", "c-1@billing.example", "en", ProductKind.API_OR_DOWNLOAD,
                BillingMode.SUBSCRIPTION, Money.of("49.00", "CNY"), paid, paid, paid.plus(Duration.ofDays(365)), null,
                null, null);
    }
}
