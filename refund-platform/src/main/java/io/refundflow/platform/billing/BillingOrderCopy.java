package io.refundflow.platform.billing;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a service's copy of billing.orders ({@link BillingOrders}) current: an order upserts, a tombstone deletes,
 * a redelivery changes nothing. For a service that needs nothing else from those records; it imports this class
 * beside {@link BillingOrders}. A service that acts on an order's arrival (the evaluator decides the requests that
 * waited for it) keeps a listener of its own calling {@link BillingOrders#apply}.
 */
public class BillingOrderCopy {

    private final BillingOrders orders;
    private final Clock clock;

    public BillingOrderCopy(BillingOrders orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.BILLING_ORDERS, groupId = "${spring.application.name}")
    @Transactional
    public void on(ConsumerRecord<String, EventEnvelope<?>> record) {
        orders.apply(record.key(), record.value(), clock.instant());
    }
}
