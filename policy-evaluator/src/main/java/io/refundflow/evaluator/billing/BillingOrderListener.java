package io.refundflow.evaluator.billing;

import io.refundflow.evaluator.decide.WaitingRequests;
import io.refundflow.evaluator.policy.OrderFacts;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Topics;
import io.refundflow.platform.billing.BillingOrders;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the local copy of billing.orders current (an order upserts, a tombstone deletes) and, in the same
 * transaction, decides the requests that were waiting for this order.
 */
@Component
class BillingOrderListener {

    private final BillingOrders orders;
    private final WaitingRequests waiting;
    private final Clock clock;

    BillingOrderListener(BillingOrders orders, WaitingRequests waiting, Clock clock) {
        this.orders = orders;
        this.waiting = waiting;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.BILLING_ORDERS, groupId = "${spring.application.name}")
    @Transactional
    public void on(ConsumerRecord<String, EventEnvelope<?>> record) {
        EventEnvelope<?> event = record.value();
        if (event != null) {
            requireConsistent((BillingOrder) event.data());
        }
        orders.apply(record.key(), event, clock.instant()).ifPresent(waiting::decideWaitingFor);
    }

    /** Facts the schema cannot check (a term ending before it starts, refunds in another currency). */
    private static void requireConsistent(BillingOrder order) {
        try {
            OrderFacts.from(order);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("payload: inconsistent billing facts: " + e.getMessage(), e);
        }
    }
}
