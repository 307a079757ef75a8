package io.refundflow.evaluator.ledger;

import static io.refundflow.evaluator.Fixtures.SOURCE;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.WAIT;
import static io.refundflow.evaluator.LedgerRows.awaitProcessed;
import static io.refundflow.evaluator.LedgerRows.awaitRelayed;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows.Row;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Automatic decisions see what earlier approvals reserved on the order, and an approval reserves its amount. */
@EvaluatorTest
class LedgerDecisionTest {

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
    void anApprovalReservesItsAmountInTheOrdersLedger() {
        // given a SAAS order of 100.00 paid two days ago
        String orderId = id("o");
        String refundId = id("r");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(2)));

        // when its owner asks for a refund and it is approved in full
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED));
        assertThat(decision(refundId)).isInstanceOf(RefundApproved.class);

        // then the ledger holds the promise until billing reports it
        assertThat(entries(jdbc, orderId)).containsExactly(
                new Row(refundId, "RESERVED", "SYSTEM", new BigDecimal("100.00"), "CNY", null));
    }

    @Test
    void whatBillingSaysWasAlreadyRefundedCapsTheApprovalAtWhatIsLeft() {
        // given a SAAS order of 100.00 paid two days ago, of which billing says it refunded 30.00 by hand
        String orderId = id("o");
        String refundId = id("r");
        publish(refunded(Fixtures.saas(orderId, "c-1", daysAgo(2)), Money.of("30.00", "CNY")));

        // when its owner asks for a full refund
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED));

        // then only the 70.00 left is approved and reserved, and the trace counts billing's figure
        assertThat(((RefundApproved) decision(refundId)).refundAmount()).isEqualTo(Money.of("70.00", "CNY"));
        assertThat(entries(jdbc, orderId)).containsExactly(
                new Row(refundId, "RESERVED", "SYSTEM", new BigDecimal("70.00"), "CNY", null));
        assertThat(jdbc.queryForObject("select rule_trace::text from evaluator.decision where refund_id = ?",
                String.class, refundId)).contains("refunded outside 30.00 CNY: refundable 70.00 CNY");
    }

    @Test
    void aSecondRequestOnAFullyRefundedOrderIsRejectedAsNothingLeftAndReservesNothing() {
        // given a SAAS order of 100.00 whose first refund was approved in full (not executed by billing yet)
        String orderId = id("o");
        String first = id("r");
        String second = id("r");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(2)));
        publish(Fixtures.request(first, orderId, "c-1", Ground.UNSATISFIED));
        assertThat(((RefundApproved) decision(first)).refundAmount()).isEqualTo(Money.of("100.00", "CNY"));

        // when the same customer asks again in a new case
        publish(Fixtures.request(second, orderId, "c-1", Ground.UNSATISFIED));

        // then nothing is left to refund, the trace says why, and no money is promised a second time
        RefundRejected rejected = (RefundRejected) decision(second);
        assertThat(rejected.header().ruleId()).isEqualTo("cap.nothing-left-to-refund");
        assertThat(rejected.header().reasonCode()).isEqualTo("NOTHING_LEFT_TO_REFUND");
        assertThat(jdbc.queryForObject("select rule_trace::text from evaluator.decision where refund_id = ?",
                String.class, second))
                .contains("ledger: paid 100.00 CNY, settled 0.00 CNY, reserved 100.00 CNY, refunded outside 0.00 CNY:"
                        + " refundable 0.00 CNY")
                .contains("already refunded or reserved 100.00 CNY")
                .contains("cap.nothing-left-to-refund: fired REJECT");
        assertThat(entries(jdbc, orderId)).extracting(Row::refundId).containsExactly(first);
    }

    @Test
    void theDecisionKeepsWhatThePolicyCountedAsAlreadyRefundedForReplay() {
        // given a server of 150.00 CNY whose first small claim took 145.48 (354 unused days of 365)
        String orderId = id("o");
        String first = id("r");
        String second = id("r");
        publish(Fixtures.server(orderId, "c-1", daysAgo(10.5), Money.of("150.00", "CNY")));
        publish(claimWithEvidence(first, orderId));
        assertThat(((RefundApproved) decision(first)).refundAmount()).isEqualTo(Money.of("145.48", "CNY"));

        // when a second claim comes in
        publish(claimWithEvidence(second, orderId));

        // then it is capped at what is left, and its row says what it counted as already refunded or reserved
        assertThat(((RefundApproved) decision(second)).refundAmount()).isEqualTo(Money.of("4.52", "CNY"));
        assertThat(jdbc.queryForObject("select already_refunded from evaluator.decision where refund_id = ?",
                BigDecimal.class, second)).isEqualByComparingTo("145.48");
    }

    @Test
    void aRedeliveredRequestReservesNothingMore() {
        // given an approved refund
        String orderId = id("o");
        String refundId = id("r");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(2)));
        EventEnvelope<RefundRequested> request =
                EventEnvelope.of(SOURCE, Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED), clock);
        kafka.publish(request);
        decision(refundId);

        // when the same event and the same refund under a new event id arrive again
        kafka.publish(request);
        EventEnvelope<RefundRequested> again =
                EventEnvelope.of(SOURCE, Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED), clock);
        kafka.publish(again);
        awaitProcessed(jdbc, again.id());

        // then one decision and one reservation (the topic read to its end once the outbox sent all it had)
        awaitRelayed(jdbc, refundId);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT)).hasSize(1);
        assertThat(entries(jdbc, orderId)).extracting(Row::refundId).containsExactly(refundId);
    }

    /** The order as billing publishes it once it has refunded this much of it (by hand or for us). */
    private static BillingOrder refunded(BillingOrder order, Money refunded) {
        return new BillingOrder(order.orderId(), order.customerId(), order.customerEmail(), order.customerLocale(),
                order.productKind(), order.billingMode(), order.paidAmount(), order.paidAt(), order.termStart(),
                order.termEnd(), order.serviceStatus(), order.imageUsage(), refunded);
    }

    private static RefundRequested claimWithEvidence(String refundId, String orderId) {
        return Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE, List.of(Fixtures.screenshot()));
    }

    private void publish(Object payload) {
        kafka.publish(EventEnvelope.of(Fixtures.sourceOf(payload), payload, clock));
    }

    static Object decision(String refundId) {
        List<EventEnvelope<?>> events = kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT);
        assertThat(events).hasSize(1);
        return events.get(0).data();
    }
}
