package io.refundflow.evaluator.billing;

import io.refundflow.evaluator.policy.OrderFacts;
import io.refundflow.evaluator.requests.WaitingRequests;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Topics;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.RecordBatches;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the local copy of billing.orders current (an order upserts, a tombstone deletes) and, in the same
 * transaction, decides the requests that were waiting for this order.
 */
@Component
class BillingOrderListener {

    private final BillingOrders orders;
    private final WaitingRequests waiting;
    private final Clock clock;
    private final RecordBatches batches;

    BillingOrderListener(BillingOrders orders, WaitingRequests waiting, Clock clock, RecordBatches batches) {
        this.orders = orders;
        this.waiting = waiting;
        this.clock = clock;
        this.batches = batches;
    }

    /** A poll's records are handled in one transaction (one commit), each as if alone. */
    @KafkaListener(topics = Topics.BILLING_ORDERS, groupId = "${spring.application.name}",
            containerFactory = RecordBatches.CONTAINER_FACTORY)
    public void on(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        batches.inOneTransaction(records, this::handle);
    }

    private void handle(ConsumerRecord<String, EventEnvelope<?>> record) {
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
