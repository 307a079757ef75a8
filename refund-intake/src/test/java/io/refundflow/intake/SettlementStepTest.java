package io.refundflow.intake;

import static io.refundflow.intake.CaseFlow.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The step after notify: the case shows whether billing (and only billing) paid the approved refund back. */
@IntakeTest
class SettlementStepTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Money CNY_199 = Money.of("199.00", "CNY");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    CaseFlow flow;

    @BeforeEach
    void client() {
        flow = new CaseFlow(new Api(port), tokens.customer("c-1"), kafka);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void anExecutedRefundShowsAsRefundedWithTheAmountPaidBack() {
        // given an approved case
        CaseFlow.Submitted submitted = flow.submitted(Fixtures.publishOrder(kafka, jdbc, "c-1", "en"));
        flow.approved(submitted, CNY_199);

        // when billing pays it back
        flow.settled(submitted.refundId(), submitted.orderId(), CNY_199, SettlementStatus.EXECUTED, null);

        // then
        JsonNode refunded = flow.awaitCase(submitted.caseId(), c -> "REFUNDED".equals(c.get("status").asString()));
        JsonNode settled = step(refunded, "SETTLED");
        assertThat(settled.get("done").asBoolean()).isTrue();
        assertThat(settled.get("outcome").asString()).isEqualTo("EXECUTED");
        assertThat(settled.get("refundAmount").get("amount").asString()).isEqualTo("199.00");
        assertThat(refunded.get("resubmittable").asBoolean()).isFalse();
    }

    @Test
    void aFailedRefundShowsBillingsReasonAndMayBeRequestedAgain() {
        // given an approved case
        CaseFlow.Submitted submitted = flow.submitted(Fixtures.publishOrder(kafka, jdbc, "c-1", "en"));
        flow.approved(submitted, CNY_199);

        // when billing cannot pay it back
        flow.settled(submitted.refundId(), submitted.orderId(), CNY_199, SettlementStatus.FAILED,
                "the card used for the payment has been closed");

        // then the case says so, with billing's reason
        JsonNode failed = flow.awaitCase(submitted.caseId(),
                c -> "REFUND_FAILED".equals(c.get("status").asString()));
        JsonNode settled = step(failed, "SETTLED");
        assertThat(settled.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(settled.get("reason").asString()).isEqualTo("the card used for the payment has been closed");
        assertThat(failed.get("resubmittable").asBoolean()).isTrue();

        // and the customer can ask for the amount again on the same case
        Api.Response again = flow.submit(submitted.caseId());
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("refundId").asString()).isNotEqualTo(submitted.refundId());
    }

    @Test
    void aSettlementNamingTheRefundOnAnotherOrderLeavesTheCaseAlone() {
        // given an approved case
        CaseFlow.Submitted submitted = flow.submitted(Fixtures.publishOrder(kafka, jdbc, "c-1", "en"));
        flow.approved(submitted, CNY_199);

        // when a settlement names its refund on another order
        EventEnvelope<?> elsewhere = flow.settled(submitted.refundId(), Fixtures.orderId(), CNY_199,
                SettlementStatus.EXECUTED, null);

        // then it is read, and the case is unchanged
        awaitProcessed(elsewhere);
        JsonNode unchanged = flow.awaitCase(submitted.caseId(), c -> true);
        assertThat(unchanged.get("status").asString()).isEqualTo("APPROVED");
        assertThat(step(unchanged, "SETTLED").get("done").asBoolean()).isFalse();
    }

    @Test
    void aSettlementFromAnotherProducerIsDeadLetteredNamingItsSourceAndLeavesTheCaseAlone() {
        // given an approved case
        CaseFlow.Submitted submitted = flow.submitted(Fixtures.publishOrder(kafka, jdbc, "c-1", "en"));
        flow.approved(submitted, CNY_199);

        // when someone but billing reports its refund FAILED (the case could be asked again), then billing pays it
        // back (both keyed by the order: read in this order)
        kafka.publish(EventEnvelope.of("partner-shop", new BillingRefund(submitted.refundId(), submitted.orderId(),
                CNY_199, SettlementStatus.FAILED, "forged", CaseFlow.CLOCK.instant()), CaseFlow.CLOCK));
        flow.settled(submitted.refundId(), submitted.orderId(), CNY_199, SettlementStatus.EXECUTED, null);

        // then the forgery is a dead letter naming its source, and only billing's settlement shows
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.BILLING_REFUNDS),
                KafkaTestClient.withKey(submitted.orderId()), 1, Duration.ofSeconds(30)).get(0);
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message")).isEqualTo("header ce_source:"
                + " 'partner-shop' is not an expected producer of billing.refunds (expected [billing])");
        JsonNode refunded = flow.awaitCase(submitted.caseId(), c -> "REFUNDED".equals(c.get("status").asString()));
        assertThat(step(refunded, "SETTLED").get("outcome").asString()).isEqualTo("EXECUTED");
        assertThat(refunded.get("resubmittable").asBoolean()).isFalse();
    }

    @Test
    void aDecisionReadAfterTheSettlementDoesNotTurnTheCaseBack() {
        // given a submitted case whose refund billing already paid back (settlement read first)
        CaseFlow.Submitted submitted = flow.submitted(Fixtures.publishOrder(kafka, jdbc, "c-1", "en"));
        flow.settled(submitted.refundId(), submitted.orderId(), CNY_199, SettlementStatus.EXECUTED, null);
        flow.awaitCase(submitted.caseId(), c -> "REFUNDED".equals(c.get("status").asString()));

        // when the approval is read afterwards
        kafka.publish(EventEnvelope.of("policy-evaluator", new io.refundflow.events.RefundApproved(
                new io.refundflow.events.DecisionHeader(submitted.refundId(), submitted.caseNumber(),
                        submitted.orderId(), new io.refundflow.events.Recipient("c-1", "c-1@example.com", "en"),
                        CaseFlow.CLOCK.instant(), "2026.11", "saas-guarantee", "WITHIN_GUARANTEE", CaseFlow.REASON),
                CNY_199), CaseFlow.CLOCK));

        // then the approval is on the timeline and the case stays refunded
        JsonNode refunded = flow.awaitCase(submitted.caseId(), c -> step(c, "REVIEWED").get("done").asBoolean());
        assertThat(refunded.get("status").asString()).isEqualTo("REFUNDED");
    }

    private void awaitProcessed(EventEnvelope<?> event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, event.id()) == 1);
    }
}
