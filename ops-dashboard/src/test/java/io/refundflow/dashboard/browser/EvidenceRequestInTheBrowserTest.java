package io.refundflow.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.ServiceProcesses;
import io.refundflow.events.EventEnvelope;
import io.refundflow.testsupport.IntakeClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Asking the customer for more evidence from the page: the reviewer holding a case sends what is missing, the case
 * waits for the customer, and comes back to the queue in its old place with the file the customer then added at
 * refund-intake (its own process) marked as added.
 */
class EvidenceRequestInTheBrowserTest extends BrowserTest {

    private static final String MESSAGE = "Please add the monitoring graph of the nights the disk failed.";
    private static final byte[] USAGE = "day,cpu\n1,0.97\n2,0.99\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DISK_ERRORS = "night,disk_errors\n1,312\n2,287\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReviewerAsksForMoreEvidenceAndTheCaseReturnsWithTheCustomersFile() {
        // given a server quality claim with a usage file submitted at refund-intake, sent to manual review
        String customerId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = "o-" + UUID.randomUUID();
        kafka.publish(EventEnvelope.of("billing", Claims.serverOrder(orderId, customerId, "3650.00"),
                Clock.systemUTC()));
        IntakeClient customer = new IntakeClient(ServiceProcesses.intake().baseUrl(), tokens.customer(customerId));
        String caseId = customer.openCase(orderId, "WEB", "the disk fails every night", WAIT).get("caseId")
                .asString();
        String refundId = customer.submit(caseId, "QUALITY_ISSUE", "REFUND", "the disk fails every night",
                Claims.email(customerId), List.of(new IntakeClient.Attachment("usage.csv", MediaType.TEXT_PLAIN,
                        USAGE))).get("refundId").asString();
        signInAsOps("ops-1");
        page.click(By.cssSelector("#tabs button[data-view='reviews']"));
        awaitInQueue(By.cssSelector("#reviews button[data-claim='" + refundId + "']"));
        String openedAt = page.text(openedCell(refundId));

        // when ops-1 claims it
        page.click(By.cssSelector("#reviews button[data-claim='" + refundId + "']"));
        page.awaitText(By.id("review-status"), "claimed by ops-1");

        // when ops-1 asks without saying for what, then the evaluator's refusal is shown
        assertThat(browser.findElement(By.id("evidence-message")).getDomProperty("value")).isEmpty();
        page.click(By.id("evidence-request"));
        page.awaitText(By.id("evidence-request-message"), "field message: is required");

        // when ops-1 asks with a message of their own
        browser.findElement(By.id("evidence-message")).sendKeys(MESSAGE);
        chromium.screenshot(SCREENSHOTS, "evidence-request-00-asking");
        page.click(By.id("evidence-request"));

        // then the case waits for the customer, saying until when, who asked and what
        page.awaitText(By.id("review-status"), "AWAITING_EVIDENCE · waiting for the customer until ");
        assertThat(page.text(By.id("review-evidence-request"))).startsWith("by ops-1 on ").contains(MESSAGE);
        assertThat(browser.findElements(By.id("decision-approve"))).isEmpty();
        By waitingRow = By.cssSelector("#reviews tr[data-review-id='" + refundId + "'][data-status='AWAITING_EVIDENCE']");
        page.awaitText(waitingRow, "waiting for the customer until ");
        assertThat(page.text(waitingRow)).contains("asked by ops-1: “" + MESSAGE + "”");
        assertThat(browser.findElement(By.cssSelector("#reviews button[data-claim='" + refundId + "']")).isEnabled())
                .isFalse();
        chromium.screenshot(SCREENSHOTS, "evidence-request-01-waiting-for-the-customer");

        // when the customer adds a usage file to the case at refund-intake
        customer.awaitCase(caseId, seen -> "AWAITING_EVIDENCE".equals(seen.path("status").asString()), WAIT);
        addEvidence(caseId, tokens.customer(customerId), "disk-errors.csv", DISK_ERRORS);

        // then the case is back in the queue, open, in its old place
        awaitInQueue(By.cssSelector("#reviews tr[data-review-id='" + refundId + "'][data-status='OPEN']"));
        assertThat(page.text(openedCell(refundId))).isEqualTo(openedAt);

        // and the reviewer who opens it sees the file marked as added, beside the request that asked for it
        page.click(By.cssSelector("#reviews button[data-open='" + refundId + "']"));
        By added = By.cssSelector("#review-evidence li[data-evidence='" + sha256(DISK_ERRORS) + "']");
        page.awaitText(added, "added ");
        assertThat(page.text(added)).startsWith("disk-errors.csv");
        assertThat(page.attribute(added, "data-added-at")).isNotBlank();
        By original = By.cssSelector("#review-evidence li[data-evidence='" + sha256(USAGE) + "']");
        assertThat(page.text(original)).startsWith("usage.csv").doesNotContain("added");
        assertThat(page.text(By.id("review-status"))).startsWith("OPEN").doesNotContain("waiting");
        assertThat(page.text(By.id("review-evidence-request"))).contains(MESSAGE);
        assertThat(browser.findElements(By.id("decision-approve"))).isNotEmpty();
        chromium.screenshot(SCREENSHOTS, "evidence-request-02-files-added");
    }

    /** Refreshes the queue until the element is there (the case reaches the evaluator asynchronously). */
    private void awaitInQueue(By target) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofSeconds(1)).until(driver -> {
            page.click(By.id("reviews-refresh"));
            return !driver.findElements(target).isEmpty();
        });
    }

    private static By openedCell(String refundId) {
        return By.cssSelector("#reviews tr[data-review-id='" + refundId + "'] td:nth-child(4)");
    }

    /** The customer's answer, as refund-intake takes it: multipart files named evidence, once per key. */
    private static void addEvidence(String caseId, String customerToken, String fileName, byte[] bytes) {
        HttpHeaders type = new HttpHeaders();
        type.setContentType(MediaType.TEXT_PLAIN);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("evidence", new HttpEntity<>(new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }, type));
        ResponseEntity<Void> answer = RestClient.create(ServiceProcesses.intake().baseUrl()).post()
                .uri("/api/cases/{caseId}/evidence", caseId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + customerToken)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve().toBodilessEntity();
        assertThat(answer.getStatusCode().value()).isEqualTo(202);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
