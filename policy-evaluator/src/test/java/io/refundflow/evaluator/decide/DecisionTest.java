package io.refundflow.evaluator.decide;

import static io.refundflow.evaluator.Fixtures.POLICY_VERSION;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A request for a known order is decided by the policy, stored with its trace and published. */
@EvaluatorTest
class DecisionTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aRequestInsideTheGuaranteeIsApprovedInFullWithPolicyVersionAndRule() {
        // given a SAAS order paid two days ago
        String orderId = id("o");
        String refundId = id("r");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(2)));

        // when its owner asks for a refund
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED));

        // then the full amount is approved by the guarantee rule, told to the address billing holds
        RefundApproved approved = (RefundApproved) decision(refundId);
        assertThat(approved.header().policyVersion()).isEqualTo(POLICY_VERSION);
        assertThat(approved.header().ruleId()).isEqualTo("saas.guarantee.inside");
        assertThat(approved.header().reasonCode()).isEqualTo("GUARANTEE_FULL_REFUND");
        assertThat(approved.header().reason().en()).isNotBlank();
        assertThat(approved.header().reason().zh()).isNotBlank();
        assertThat(approved.refundAmount()).isEqualTo(Money.of("100.00", "CNY"));
        assertThat(approved.header().recipient()).isEqualTo(new Recipient("c-1", "c-1@billing.example", "en"));
    }

    @Test
    void aDecisionIsStoredWithItsRuleTraceRequestAndOrderFacts() {
        // given
        String orderId = id("o");
        String refundId = id("r");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(9)));

        // when
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED));
        decision(refundId);

        // then the row explains the decision and holds what is needed to replay it
        Map<String, Object> row = jdbc.queryForMap("""
                select outcome, basis, policy_version, rule_id, reason_code, rule_trace::text as trace,
                    request->>'refundId' as request_refund, order_facts->>'orderId' as order_id, flagged
                from evaluator.decision where refund_id = ?""", refundId);
        assertThat(row).containsEntry("outcome", "REJECTED").containsEntry("basis", "POLICY")
                .containsEntry("policy_version", POLICY_VERSION).containsEntry("rule_id", "saas.guarantee.over")
                .containsEntry("reason_code", "GUARANTEE_PERIOD_OVER").containsEntry("request_refund", refundId)
                .containsEntry("order_id", orderId).containsEntry("flagged", false);
        assertThat((String) row.get("trace")).contains("saas.guarantee.inside: not matched")
                .contains("saas.guarantee.over: fired REJECT");
    }

    @Test
    void aFixableRejectionCarriesTheRemedy() {
        // given an image still in use, paid a day ago
        String orderId = id("o");
        String refundId = id("r");
        publish(Fixtures.imageInUse(orderId, "c-1", daysAgo(1)));

        // when
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED));

        // then
        RefundRejected rejected = (RefundRejected) decision(refundId);
        assertThat(rejected.header().ruleId()).isEqualTo("image.in-use");
        assertThat(rejected.header().reasonCode()).isEqualTo("IMAGE_IN_USE");
        assertThat(rejected.remedy()).isNotNull();
        assertThat(rejected.remedy().en()).contains("Stop the server");
        assertThat(rejected.remedy().zh()).isNotBlank();
    }

    @Test
    void aServerClaimWithoutEvidenceGoesToManualReviewWithTheProposedAmountWaitingForTheEvidence() {
        // given a server paid 9.5 days ago (half a day off a whole day, so the request's second does not matter)
        String orderId = id("o");
        String refundId = id("r");
        publish(Fixtures.server(orderId, "c-1", daysAgo(9.5)));

        // when a quality claim without evidence arrives
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE));

        // then a person must decide; the policy proposes the unused time (355 unused of 365 days at 10.00 per day)
        // and asks the customer for the evidence first (askForEvidence), so the review waits for it
        List<EventEnvelope<?>> events = kafka.awaitEvents(Topics.DECISIONS, refundId, 2, WAIT);
        ManualReviewRequired review = (ManualReviewRequired) events.get(0).data();
        assertThat(review.header().ruleId()).isEqualTo("server.claim.evidence-missing");
        assertThat(review.header().reasonCode()).isEqualTo("EVIDENCE_MISSING");
        assertThat(review.proposedAmount()).isEqualTo(Money.of("3550.00", "CNY"));
        assertThat(events.get(1).data()).isInstanceOf(EvidenceRequested.class);
        assertThat(jdbc.queryForObject("select status from evaluator.manual_review where refund_id = ?",
                String.class, refundId)).isEqualTo("AWAITING_EVIDENCE");
    }

    @Test
    void aRequestFromACustomerWhoDoesNotOwnTheOrderIsRejectedAndFlagged() {
        // given an order of customer c-1
        String orderId = id("o");
        String refundId = id("r");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(1)));

        // when customer c-2 asks for its refund
        publish(Fixtures.request(refundId, orderId, "c-2", Ground.UNSATISFIED));

        // then it is rejected, the order's owner is told in the owner's language, and the decision is flagged
        RefundRejected rejected = (RefundRejected) decision(refundId);
        assertThat(rejected.header().reasonCode()).isEqualTo("CUSTOMER_MISMATCH");
        assertThat(rejected.header().ruleId()).isEqualTo("trust.customer-mismatch");
        assertThat(rejected.header().reason()).extracting(LocalizedText::en, LocalizedText::zh)
                .allSatisfy(text -> assertThat((String) text).isNotBlank());
        assertThat(rejected.header().recipient()).isEqualTo(new Recipient("c-1", "c-1@billing.example", "zh"));
        Map<String, Object> row = jdbc.queryForMap(
                "select flagged, flag_reason, basis from evaluator.decision where refund_id = ?", refundId);
        assertThat(row).containsEntry("flagged", true).containsEntry("basis", "CUSTOMER_MISMATCH");
        assertThat((String) row.get("flag_reason")).contains("c-2").contains(orderId);
    }

    @Test
    void aRequestWaitsForItsUnknownOrderAndIsDecidedWhenTheOrderArrives() {
        // given a request whose order billing has not published yet
        String orderId = id("o");
        String refundId = id("r");
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED));
        awaitWaiting(refundId);
        LedgerRows.awaitRelayed(jdbc, refundId);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT)).isEmpty();

        // when the order arrives within the wait
        publish(Fixtures.saas(orderId, "c-1", daysAgo(1)));

        // then the request is decided by the policy, not sent to manual review
        RefundApproved approved = (RefundApproved) decision(refundId);
        assertThat(approved.header().ruleId()).isEqualTo("saas.guarantee.inside");
        assertThat(jdbc.queryForObject("select count(*) from evaluator.order_wait where refund_id = ?",
                Integer.class, refundId)).isZero();
    }

    @Test
    void aRequestWhoseOrderNeverArrivesGoesToManualReviewAsOrderUnknown() {
        // given a request for an order billing never publishes
        String refundId = id("r");
        publish(Fixtures.request(refundId, id("o"), "c-1", Ground.UNSATISFIED));

        // when the wait (6 s in tests) passes
        ManualReviewRequired review = (ManualReviewRequired) decision(refundId);

        // then a person decides, and nobody named by the request is emailed: the ops mailbox is told
        assertThat(review.header().reasonCode()).isEqualTo("ORDER_UNKNOWN");
        assertThat(review.header().ruleId()).isEqualTo("wait.order-unknown");
        assertThat(review.header().policyVersion()).isEqualTo(POLICY_VERSION);
        assertThat(review.proposedAmount()).isNull();
        assertThat(review.header().recipient().email()).isEqualTo("refund-ops@refundflow.invalid");
        assertThat(jdbc.queryForObject("select status from evaluator.manual_review where refund_id = ?",
                String.class, refundId)).isEqualTo("OPEN");
    }

    private void awaitWaiting(String refundId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Integer waiting = jdbc.queryForObject("select count(*) from evaluator.order_wait where refund_id = ?",
                    Integer.class, refundId);
            if (waiting != null && waiting == 1) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("refund " + refundId + " never started waiting for its order");
    }

    private void publish(Object payload) {
        kafka.publish(EventEnvelope.of(Fixtures.sourceOf(payload), payload, clock));
    }

    static Object decision(String refundId) {
        List<EventEnvelope<?>> events = kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT);
        assertThat(events).hasSize(1);
        return events.get(0).data();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
