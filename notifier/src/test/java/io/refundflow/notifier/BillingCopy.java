package io.refundflow.notifier;

import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundDecision;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Billing's facts as the billing system publishes them, and the wait until the notifier holds its copy. */
public final class BillingCopy {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private BillingCopy() {
    }

    /** Publishes the decision's order as owned by the decision's recipient, and waits for the notifier's copy. */
    public static BillingOrder holdsOrderOf(KafkaTestClient kafka, JdbcTemplate jdbc, RefundDecision decision) {
        DecisionHeader header = decision.header();
        return holds(kafka, jdbc, header.orderId(), header.recipient(), Money.of("199.00", "CNY"));
    }

    /**
     * Publishes each decision's order as owned by its recipient, all at once, and waits until the notifier holds
     * every one: one wait for the lot, not one (of at least a poll interval) per order.
     */
    public static void holdOrdersOf(KafkaTestClient kafka, JdbcTemplate jdbc, List<RefundDecision> decisions) {
        Clock clock = Clock.systemUTC();
        List<String> orderIds = new ArrayList<>();
        for (RefundDecision decision : decisions) {
            DecisionHeader header = decision.header();
            orderIds.add(header.orderId());
            kafka.publish(EventEnvelope.of("billing", order(header.orderId(), header.recipient(),
                    Money.of("199.00", "CNY"), clock), clock));
        }
        await().atMost(PATIENCE).until(() -> orderIds.stream().allMatch(orderId -> jdbc.queryForObject(
                "select count(*) from billing_order where order_id = ?", Integer.class, orderId) == 1));
    }

    /** Publishes an order of this customer on billing.orders and waits until the notifier holds it. */
    public static BillingOrder holds(KafkaTestClient kafka, JdbcTemplate jdbc, String orderId, Recipient owner,
            Money paid) {
        Clock clock = Clock.systemUTC();
        BillingOrder order = order(orderId, owner, paid, clock);
        kafka.publish(EventEnvelope.of("billing", order, clock));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from billing_order where order_id = ?", Integer.class, orderId) == 1);
        return order;
    }

    /** A year's subscription of this customer, paid a day ago, as billing publishes it. */
    public static BillingOrder order(String orderId, Recipient owner, Money paid, Clock clock) {
        Instant paidAt = clock.instant().minus(Duration.ofDays(1));
        return new BillingOrder(orderId, owner.customerId(), owner.email(), owner.locale(), ProductKind.SAAS,
                BillingMode.SUBSCRIPTION, paid, paidAt, paidAt, paidAt.plus(Duration.ofDays(365)), null, null, null);
    }
}
