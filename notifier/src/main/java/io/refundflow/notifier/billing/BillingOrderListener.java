package io.refundflow.notifier.billing;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import io.refundflow.platform.billing.BillingOrders;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the notifier's own copy of billing.orders current (an order upserts, a tombstone deletes): the only
 * place a customer's email address is taken from, never from a decision.
 */
@Component
class BillingOrderListener {

    private final BillingOrders orders;
    private final Clock clock;

    BillingOrderListener(BillingOrders orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.BILLING_ORDERS, groupId = "${spring.application.name}")
    @Transactional
    public void on(ConsumerRecord<String, EventEnvelope<?>> record) {
        orders.apply(record.key(), record.value(), clock.instant());
    }
}
