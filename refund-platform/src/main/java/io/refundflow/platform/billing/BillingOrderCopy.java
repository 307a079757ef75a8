package io.refundflow.platform.billing;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import io.refundflow.platform.inbox.RecordBatches;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps a service's copy of billing.orders ({@link BillingOrders}) current: an order upserts, a tombstone deletes,
 * a redelivery changes nothing. For a service that needs nothing else from those records; it imports this class
 * beside {@link BillingOrders}. A service that acts on an order's arrival (the evaluator decides the requests that
 * waited for it) keeps a listener of its own calling {@link BillingOrders#apply}.
 */
public class BillingOrderCopy {

    private final BillingOrders orders;
    private final Clock clock;
    private final RecordBatches batches;

    public BillingOrderCopy(BillingOrders orders, Clock clock, RecordBatches batches) {
        this.orders = orders;
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
        orders.apply(record.key(), record.value(), clock.instant());
    }
}
