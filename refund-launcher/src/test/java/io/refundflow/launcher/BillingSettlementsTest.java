package io.refundflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Demo billing pays back only what this system's evaluator approved, only money (never an exchange), and never
 * more than its own record of the order allows: on the secured broker the local run uses, each approval written
 * by the principal that may write it.
 */
class BillingSettlementsTest {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    /** Billing settles after this; a refund it would have paid is on billing.refunds well within a second. */
    private static final Duration DELAY = Duration.ofMillis(100);
    private static final Duration NOTHING_MORE_WITHIN = Duration.ofSeconds(2);
    private static final Clock CLOCK = Clock.systemUTC();

    private static LocalKafka kafka;
    private static BillingSettlements billing;
    private static KafkaTestClient asBilling;
    private static KafkaTestClient asEvaluator;
    private static KafkaTestClient asDashboard;
    /** Reads what billing reported (the administrator reads any topic). */
    private static KafkaTestClient asAdmin;

    @BeforeAll
    static void startBrokerAndBilling() throws Exception {
        kafka = TestBroker.start(Path.of("target", "billing-settlements-test").toAbsolutePath());
        asBilling = new KafkaTestClient(kafka.connection(KafkaAccess.BILLING));
        asEvaluator = new KafkaTestClient(kafka.connection(KafkaAccess.EVALUATOR));
        asAdmin = new KafkaTestClient(kafka.connection(LocalKafka.ADMIN));
        // the dashboard may write decisions too (it replays dead letters): the one other writer of the topic
        asDashboard = new KafkaTestClient(kafka.connection(KafkaAccess.DASHBOARD));
        billing = new BillingSettlements(kafka.connection(KafkaAccess.BILLING), DELAY, approval -> Optional.empty(),
                CLOCK).start();
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable part : new AutoCloseable[] {billing, asBilling, asEvaluator, asDashboard, asAdmin, kafka}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // stopping the rest matters more
            }
        }
    }

    @Test
    void anApprovalTheEvaluatorPublishedIsPaidBack() {
        String order = paidOrder("199.00");
        String refund = "r-" + UUID.randomUUID();

        asEvaluator.publish(EventEnvelope.of(KafkaAccess.EVALUATOR, approved(refund, order, "150.00"), CLOCK));

        BillingRefund settlement = settlementOf(order, refund);
        assertThat(settlement.status()).isEqualTo(SettlementStatus.EXECUTED);
        assertThat(settlement.amount()).isEqualTo(Money.of("150.00", "CNY"));
    }

    @Test
    void anApprovalFromAnotherSourceThanTheEvaluatorPaysNothing() {
        String order = paidOrder("199.00");
        String forged = "r-forged-" + UUID.randomUUID();
        String genuine = "r-" + UUID.randomUUID();

        asDashboard.publish(EventEnvelope.of("ops-dashboard", approved(forged, order, "199.00"), CLOCK));
        asEvaluator.publish(EventEnvelope.of(KafkaAccess.EVALUATOR, approved(genuine, order, "10.00"), CLOCK));

        // the genuine approval read after the forged one is paid; the forged one never is, nor reported
        assertThat(settlementOf(order, genuine).status()).isEqualTo(SettlementStatus.EXECUTED);
        assertThat(settlementsOf(order, NOTHING_MORE_WITHIN)).extracting(BillingRefund::refundId)
                .containsExactly(genuine);
    }

    @Test
    void anApprovalBeyondWhatTheOrderWasPaidIsRefusedAsFailedWithAReason() {
        String order = paidOrder("199.00");
        String first = "r-" + UUID.randomUUID();
        String second = "r-" + UUID.randomUUID();
        asEvaluator.publish(EventEnvelope.of(KafkaAccess.EVALUATOR, approved(first, order, "150.00"), CLOCK));
        assertThat(settlementOf(order, first).status()).isEqualTo(SettlementStatus.EXECUTED);

        asEvaluator.publish(EventEnvelope.of(KafkaAccess.EVALUATOR, approved(second, order, "100.00"), CLOCK));

        BillingRefund refused = settlementOf(order, second);
        assertThat(refused.status()).isEqualTo(SettlementStatus.FAILED);
        assertThat(refused.reason()).contains("49.00");
    }

    @Test
    void anApprovalOnAnOrderBillingNeverSoldIsRefusedAsFailed() {
        String unknownOrder = "o-unknown-" + UUID.randomUUID();
        String refund = "r-" + UUID.randomUUID();

        asEvaluator.publish(EventEnvelope.of(KafkaAccess.EVALUATOR, approved(refund, unknownOrder, "10.00"), CLOCK));

        BillingRefund refused = settlementOf(unknownOrder, refund);
        assertThat(refused.status()).isEqualTo(SettlementStatus.FAILED);
        assertThat(refused.reason()).isNotBlank();
    }

    @Test
    void anApprovedExchangePaysNothing() {
        String order = paidOrder("49.00");
        String exchange = "r-exchange-" + UUID.randomUUID();
        String refund = "r-" + UUID.randomUUID();

        asEvaluator.publish(EventEnvelope.of(KafkaAccess.EVALUATOR, exchangeApproved(exchange, order, "49.00"),
                CLOCK));
        asEvaluator.publish(EventEnvelope.of(KafkaAccess.EVALUATOR, approved(refund, order, "1.00"), CLOCK));

        assertThat(settlementOf(order, refund).status()).isEqualTo(SettlementStatus.EXECUTED);
        assertThat(settlementsOf(order, NOTHING_MORE_WITHIN)).extracting(BillingRefund::refundId)
                .containsExactly(refund);
    }

    @Test
    void billingSaysHowManyPublishedOrdersItHasNotReadYet() {
        // given an order published on billing.orders
        RecordMetadata published = publishOrder("o-" + UUID.randomUUID(), "10.00");
        TopicPartition partition = new TopicPartition(published.topic(), published.partition());

        // then billing catches up with it, and counts what was not published yet as not read
        Awaitility.await().atMost(SETTLE_TIMEOUT)
                .until(() -> billing.ordersBehind(Map.of(partition, published.offset() + 1)) == 0);
        assertThat(billing.ordersBehind(Map.of(partition, published.offset() + 1 + 5))).isEqualTo(5);
    }

    /** An order billing sold and published, paid {@code paid} CNY, nothing refunded yet. */
    private static String paidOrder(String paid) {
        String id = "o-" + UUID.randomUUID();
        publishOrder(id, paid);
        return id;
    }

    private static RecordMetadata publishOrder(String id, String paid) {
        Instant paidAt = CLOCK.instant().minus(Duration.ofDays(1));
        return asBilling.publish(EventEnvelope.of(DemoBilling.SOURCE, new BillingOrder(id, "c-1", "alice@example.com",
                "en", ProductKind.SAAS, BillingMode.SUBSCRIPTION, Money.of(paid, "CNY"), paidAt, paidAt,
                paidAt.plus(Duration.ofDays(365)), null, null, Money.zero("CNY")), CLOCK));
    }

    private static RefundApproved approved(String refundId, String orderId, String amount) {
        return new RefundApproved(
                new DecisionHeader(refundId, null, orderId, new Recipient("c-1", "alice@example.com", "en"),
                CLOCK.instant(), "2026.11-1", "saas.guarantee", "GUARANTEE_FULL_REFUND",
                new LocalizedText("Within the guarantee.", "在保障期内。")), Money.of(amount, "CNY"));
    }

    /** An approved exchange that (wrongly) names an amount: billing goes by what the decision is, not its amount. */
    private static RefundReviewed exchangeApproved(String refundId, String orderId, String amount) {
        return new RefundReviewed(
                new DecisionHeader(refundId, null, orderId, new Recipient("c-1", "alice@example.com", "en"),
                CLOCK.instant(), "2026.11-1", "api.exchange-only", RefundReviewed.EXCHANGE_APPROVED,
                new LocalizedText("The replacement is arranged.", "已安排更换。")), true, Money.of(amount, "CNY"),
                "ops-1", null, true);
    }

    private static BillingRefund settlementOf(String orderId, String refundId) {
        return asAdmin.await(Topics.BILLING_REFUNDS, record -> orderId.equals(record.key())
                        && settlement(record).refundId().equals(refundId), 1, SETTLE_TIMEOUT).stream()
                .map(BillingSettlementsTest::settlement).findFirst().orElseThrow();
    }

    private static List<BillingRefund> settlementsOf(String orderId, Duration within) {
        return asAdmin.readAll(Topics.BILLING_REFUNDS, KafkaTestClient.withKey(orderId), within).stream()
                .map(BillingSettlementsTest::settlement).toList();
    }

    private static BillingRefund settlement(ConsumerRecord<String, byte[]> record) {
        return (BillingRefund) asAdmin.decode(record).data();
    }
}
