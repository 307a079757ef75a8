package io.refundflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.testsupport.Emails;
import io.refundflow.testsupport.IntakeClient;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A refund through all four steps with every service in its own process: contact and submit over HTTP,
 * review by the policy, notify by email — then the case status the customer sees.
 */
class WalkingSkeletonTest {

    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);
    /** How long no second email may follow the first for "one email" to hold. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private static RunningSystem system;
    private static KafkaTestClient kafka;
    private final Clock clock = Clock.systemUTC();

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.get();
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void saasRefundInsideTheGuaranteeIsApprovedEmailedAndShownAsNotified() throws Exception {
        // given an order the billing system knows: SaaS paid a day ago, 100.00 CNY
        String customerId = "c-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String email = customerId + "@example.com";
        String orderId = "o-" + UUID.randomUUID();
        Instant paidAt = clock.instant().minus(Duration.ofDays(1));
        kafka.publish(EventEnvelope.of("billing", new BillingOrder(orderId, customerId, email, "en",
                ProductKind.SAAS, BillingMode.SUBSCRIPTION, Money.of("100.00", "CNY"), paidAt, paidAt,
                paidAt.plus(Duration.ofDays(365)), null, null, Money.zero("CNY")), clock));
        IntakeClient customer = new IntakeClient(system.intake.baseUrl(), system.tokens.customer(customerId));

        // when the customer opens a case and submits an application on the no-reason guarantee
        JsonNode opened = customer.openCase(orderId, "WEB", "The site builder is not what I expected", FLOW_TIMEOUT);
        String caseId = opened.path("caseId").asString();
        String caseNumber = opened.path("caseNumber").asString();
        JsonNode submitted = customer.submit(caseId, "UNSATISFIED", "REFUND", "Please refund me", email);
        String refundId = submitted.path("refundId").asString();

        // then the customer gets one email with the outcome and the amount
        List<MimeMessage> emails = RealInfrastructure.get().smtp().awaitOnlyMessagesTo(email, 1, SETTLE, FLOW_TIMEOUT);
        MimeMessage approval = emails.get(0);
        assertThat(approval.getSubject()).contains(caseNumber);
        String body = Emails.text(approval);
        assertThat(body).contains(caseNumber).doesNotContain(refundId).contains("100.00")
                .containsIgnoringCase("approved");

        // and the case shows the review and the notification on its timeline
        // (intake reads decisions and notifications from two topics, so either step may show first)
        JsonNode notified = customer.awaitCase(caseId, c -> step(c, "REVIEWED").path("done").asBoolean()
                && step(c, "NOTIFIED").path("done").asBoolean(), FLOW_TIMEOUT);
        JsonNode reviewed = step(notified, "REVIEWED");
        assertThat(reviewed.path("outcome").asString()).isEqualTo("APPROVED");
        assertThat(reviewed.path("refundAmount").path("amount").asString()).isEqualTo("100.00");
        assertThat(step(notified, "NOTIFIED").path("outcome").asString()).isEqualTo("SENT");
        assertThat(notified.path("refundId").asString()).isEqualTo(refundId);
    }

    private static JsonNode step(JsonNode caseView, String name) {
        for (JsonNode step : caseView.path("timeline")) {
            if (name.equals(step.path("step").asString())) {
                return step;
            }
        }
        throw new AssertionError("no " + name + " step in " + caseView);
    }
}
