package io.refundflow.evaluator.ledger;

import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.WAIT;
import static io.refundflow.evaluator.LedgerRows.awaitProcessed;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows.Row;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.math.BigDecimal;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Billing's settlements (billing.refunds) move reserved refunds to SETTLED or RELEASED, once. */
@EvaluatorTest
class SettlementTest {

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
    void anExecutedSettlementSettlesTheReservationAtBillingsAmount() {
        // given a refund of 100.00 approved and reserved
        String orderId = id("o");
        String refundId = approvedInFull(orderId);

        // when billing reports it executed, for 99.00
        awaitProcessed(jdbc, settle(refundId, orderId, "99.00", SettlementStatus.EXECUTED, null).id());

        // then the money moved, as billing says
        assertThat(entries(jdbc, orderId)).containsExactly(
                new Row(refundId, "SETTLED", "SYSTEM", new BigDecimal("99.00"), "CNY", null));
    }

    @Test
    void aFailedSettlementReleasesTheReservationAndALaterRequestIsApproved() {
        // given a refund of 100.00 approved and reserved, the whole order
        String orderId = id("o");
        String refundId = approvedInFull(orderId);

        // when billing reports it failed, and the customer asks again
        awaitProcessed(jdbc, settle(refundId, orderId, "100.00", SettlementStatus.FAILED, "card expired").id());
        String again = id("r");
        publish(Fixtures.request(again, orderId, "c-1", Ground.UNSATISFIED));

        // then the released amount is refundable again
        assertThat(((RefundApproved) decision(again)).refundAmount()).isEqualTo(Money.of("100.00", "CNY"));
        assertThat(entries(jdbc, orderId)).containsExactly(
                new Row(refundId, "RELEASED", "SYSTEM", new BigDecimal("100.00"), "CNY", "card expired"),
                new Row(again, "RESERVED", "SYSTEM", new BigDecimal("100.00"), "CNY", null));
    }

    @Test
    void aRefundBillingMadeByHandLowersWhatIsRefundable() {
        // given a SAAS order of 100.00 of which billing refunded 60.00 by hand
        String orderId = id("o");
        String handRefund = id("billing");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(2)));
        awaitProcessed(jdbc, settle(handRefund, orderId, "60.00", SettlementStatus.EXECUTED, null).id());

        // when the customer asks for a refund
        String refundId = id("r");
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED));

        // then only the rest is refunded
        assertThat(((RefundApproved) decision(refundId)).refundAmount()).isEqualTo(Money.of("40.00", "CNY"));
        assertThat(entries(jdbc, orderId)).containsExactly(
                new Row(handRefund, "SETTLED", "BILLING", new BigDecimal("60.00"), "CNY", null),
                new Row(refundId, "RESERVED", "SYSTEM", new BigDecimal("40.00"), "CNY", null));
    }

    @Test
    void aFailureOfARefundThisSystemNeverCountedChangesNothing() {
        // given an order without refunds
        String orderId = id("o");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(2)));

        // when billing reports one of its own refunds failed
        awaitProcessed(jdbc, settle(id("billing"), orderId, "30.00", SettlementStatus.FAILED, "bank refused").id());

        // then
        assertThat(entries(jdbc, orderId)).isEmpty();
    }

    @Test
    void aRedeliveredOrContradictingSettlementChangesNothing() {
        // given a refund of 100.00 billing executed
        String orderId = id("o");
        String refundId = approvedInFull(orderId);
        EventEnvelope<BillingRefund> executed = settle(refundId, orderId, "100.00", SettlementStatus.EXECUTED, null);
        awaitProcessed(jdbc, executed.id());

        // when the same event comes again, then the same report under a new event id, then a failure of it
        kafka.publish(executed);
        settle(refundId, orderId, "80.00", SettlementStatus.EXECUTED, null);
        // same key (the order id), so the last one is consumed after the others
        awaitProcessed(jdbc, settle(refundId, orderId, "100.00", SettlementStatus.FAILED, "reversed").id());

        // then the refund stays settled, once, at the executed amount
        assertThat(entries(jdbc, orderId)).containsExactly(
                new Row(refundId, "SETTLED", "SYSTEM", new BigDecimal("100.00"), "CNY", null));
    }

    @Test
    void aSettlementInAnotherCurrencyThanTheOrderIsDeadLettered() {
        // given a refund of 100.00 CNY approved
        String orderId = id("o");
        String refundId = approvedInFull(orderId);

        // when billing reports it executed in USD
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, new BillingRefund(refundId, orderId, Money.of("100.00", "USD"),
                SettlementStatus.EXECUTED, null, clock.instant()), clock));

        // then the report lands on the dead-letter topic with its cause, and the reservation stands
        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.deadLetter(Topics.BILLING_REFUNDS),
                KafkaTestClient.withKey(orderId), 1, WAIT).get(0);
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-message")).contains("USD").contains("CNY");
        assertThat(entries(jdbc, orderId)).extracting(Row::state).containsExactly("RESERVED");
    }

    /** A SAAS order of 100.00 inside the guarantee and an approved refund of all of it. */
    private String approvedInFull(String orderId) {
        String refundId = id("r");
        publish(Fixtures.saas(orderId, "c-1", daysAgo(2)));
        publish(Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED));
        assertThat(((RefundApproved) decision(refundId)).refundAmount()).isEqualTo(Money.of("100.00", "CNY"));
        return refundId;
    }

    private EventEnvelope<BillingRefund> settle(String refundId, String orderId, String amount,
            SettlementStatus status, String reason) {
        EventEnvelope<BillingRefund> event = EventEnvelope.of(Fixtures.BILLING,
                new BillingRefund(refundId, orderId, Money.of(amount, "CNY"), status, reason, clock.instant()), clock);
        kafka.publish(event);
        return event;
    }

    private void publish(Object payload) {
        kafka.publish(EventEnvelope.of(Fixtures.sourceOf(payload), payload, clock));
    }

    private static Object decision(String refundId) {
        return kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT).get(0).data();
    }
}
