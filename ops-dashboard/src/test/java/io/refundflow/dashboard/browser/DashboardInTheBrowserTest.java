package io.refundflow.dashboard.browser;

import io.refundflow.testsupport.browser.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.flow.FlowProjection;
import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium) with policy-evaluator running: an ops reviewer logs in,
 * watches a submitted refund go to manual review, decides it from the page, sees the outcome arrive, and
 * replays a dead letter. Screenshots go to {@code target/screenshots}.
 */
class DashboardInTheBrowserTest extends BrowserTest {

    @Test
    void aReviewerLogsInDecidesAManualReviewAndReplaysADeadLetter() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        String base = base();

        // given a server order and a quality claim on it that the policy sends to manual review
        // (3650.00 CNY for a year, ten days used: about 3550.00 pro rata, above the 200.00 CNY auto-approval)
        String orderId = "o-" + UUID.randomUUID();
        String refundId = "r-" + UUID.randomUUID();
        String caseNumber = "CASE-" + refundId.substring(2, 10).toUpperCase();
        kafka.publish(EventEnvelope.of("billing", serverOrder(orderId), Clock.systemUTC()));
        // the evaluator takes requests only from refund-intake, the one gate
        kafka.publish(EventEnvelope.of("refund-intake", qualityClaim(refundId, caseNumber, orderId), Clock.systemUTC()));

        // then without a session the browser sees the login page, and the data API shows nothing
        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login.html"));
        assertThat(browser.findElements(By.id("refunds"))).isEmpty();
        browser.get(base + "/api/snapshot");
        assertThat(browser.getPageSource()).contains("401").doesNotContain(refundId);

        // and a customer's token does not open the dashboard
        browser.get(base + "/login.html");
        page.logIn(tokens.customer("c-1"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "role ops"));
        chromium.screenshot(SCREENSHOTS, "01-login-refused-for-customer");
        assertThat(browser.getCurrentUrl()).contains("/login.html");

        // when the reviewer logs in with an ops token
        page.logIn(tokens.ops("ops-1"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "ops-1"));

        // then the submitted refund appears in the flow, live, waiting for manual review
        By refundRow = By.cssSelector("#refunds tr[data-refund-id='" + refundId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#refunds tr[data-refund-id='" + refundId + "'] td.outcome"), "manual review"));
        assertThat(page.text(refundRow)).contains(caseNumber).contains("SERVER / QUALITY_ISSUE");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "live"));
        chromium.screenshot(SCREENSHOTS, "02-flow-manual-review");

        // when the reviewer claims and approves the case from the review queue
        page.click(By.cssSelector("#tabs button[data-view='reviews']"));
        page.click(By.cssSelector("#reviews button[data-claim='" + refundId + "']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-status"), "ops-1"));
        assertThat(browser.findElement(By.id("decision-amount")).getDomProperty("value")).isNotBlank();
        assertThat(page.text(By.id("review-ledger"))).contains("paid 3650.00 CNY").contains("reserved 0.00 CNY")
                .contains("refundable 3650.00 CNY");
        chromium.screenshot(SCREENSHOTS, "03-review-claimed");
        page.click(By.id("decision-approve"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("decision-message"), "review approved"));

        // then the reviewed outcome arrives in the live flow, with its amount among the approved amounts
        page.click(By.cssSelector("#tabs button[data-view='flow']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#refunds tr[data-refund-id='" + refundId + "'] td.outcome"), "review approved"));
        assertThat(page.text(By.cssSelector("#amounts tr[data-currency='CNY']"))).contains("CNY");
        assertThat(page.text(By.cssSelector("#lag tr[data-group='policy-evaluator']")))
                .contains("policy-evaluator");
        chromium.screenshot(SCREENSHOTS, "04-flow-review-approved");

        // and the money panel counts the approval as reserved in CNY, with no order refunded beyond what was paid
        By cnyMoney = By.cssSelector("#money tr[data-currency='CNY']");
        By cnyReserved = By.cssSelector("#money tr[data-currency='CNY'] td:nth-child(2)");
        wait.until(driver -> !driver.findElements(cnyReserved).isEmpty() && isPositive(page.text(cnyReserved)));
        assertThat(page.text(cnyMoney)).startsWith("CNY");
        assertThat(page.attribute(By.id("money-alarm"), "data-count")).isEqualTo("0");
        chromium.screenshot(SCREENSHOTS, "04b-money-panel");

        // and its trail lists every event of it across the topics
        page.click(By.cssSelector("#refunds tr[data-refund-id='" + refundId + "'] a"));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#trail-events li"), 2));
        assertThat(page.text(By.id("trail-events"))).contains("requested: QUALITY_ISSUE")
                .contains("manual review").contains("review approved");
        chromium.screenshot(SCREENSHOTS, "05-trail");

        // when a malformed request arrives and is dead-lettered by the evaluator
        String junkKey = "junk-" + UUID.randomUUID();
        byte[] junk = "{\"refundId\": \"oops".getBytes(StandardCharsets.UTF_8);
        kafka.publishRaw(Topics.REQUESTS, junkKey, junkHeaders(junkKey), junk);

        // then the page shows it with its cause
        page.click(By.cssSelector("#tabs button[data-view='dead-letters']"));
        By letterRow = By.cssSelector("tr[data-key='" + junkKey + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(letterRow, "malformed JSON"));
        String letterId = page.attribute(letterRow, "data-dead-letter-id");
        assertThat(letterId).startsWith("refund.requests.DLT@");
        chromium.screenshot(SCREENSHOTS, "06-dead-letter");

        // when the reviewer replays it
        page.click(By.cssSelector("button[data-replay='" + letterId + "']"));

        // then it is marked replayed, and it is back on refund.requests as it was, naming the dead letter
        By status = By.cssSelector("tr[data-dead-letter-id='" + letterId + "'] td.replay-status");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "replayed"));
        assertThat(page.text(status)).contains("by ops-1");
        List<ConsumerRecord<String, byte[]>> onSource = kafka.await(Topics.REQUESTS,
                r -> junkKey.equals(r.key()) && r.headers().lastHeader(FlowProjection.REPLAYED_FROM) != null, 1, WAIT);
        ConsumerRecord<String, byte[]> replayed = onSource.get(0);
        assertThat(replayed.value()).isEqualTo(junk);
        assertThat(KafkaTestClient.header(replayed, FlowProjection.REPLAYED_FROM)).isEqualTo(letterId);
        assertThat(KafkaTestClient.header(replayed, "ce_id")).isEqualTo("evt-" + junkKey);
        assertThat(replayed.headers()).extracting(Header::key).noneMatch(name -> name.startsWith("kafka_dlt-"));
        chromium.screenshot(SCREENSHOTS, "07-dead-letter-replayed");
    }

    private static boolean isPositive(String amount) {
        return amount.matches("\\d+(\\.\\d+)?") && new BigDecimal(amount).signum() > 0;
    }

    private static BillingOrder serverOrder(String orderId) {
        Instant paid = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        return new BillingOrder(orderId, "c-1", "c-1@billing.example", "en", ProductKind.SERVER,
                BillingMode.SUBSCRIPTION, Money.of("3650.00", "CNY"), paid, paid, paid.plus(Duration.ofDays(365)),
                null, null, null);
    }

    private static RefundRequested qualityClaim(String refundId, String caseNumber, String orderId) {
        return new RefundRequested(refundId, caseNumber, orderId, "c-1", Ground.QUALITY_ISSUE, RequestKind.REFUND,
                "the disk fails every night", "en", List.of(new Evidence("fault.png", "image/png", 2048,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static Map<String, String> junkHeaders(String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "evt-" + key);
        headers.put("ce_source", "partner-shop");
        headers.put("ce_type", "io.refundflow.refund.requested.v1");
        headers.put("ce_time", "2026-11-23T08:00:00Z");
        headers.put("ce_subject", key);
        return headers;
    }
}
