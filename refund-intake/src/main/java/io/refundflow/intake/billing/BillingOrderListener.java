package io.refundflow.intake.billing;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.ProcessedEvents;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the local copy of billing.orders current: an order event upserts, a tombstone deletes. */
@Component
class BillingOrderListener {

    private static final Logger log = LoggerFactory.getLogger(BillingOrderListener.class);

    private final BillingOrders orders;
    private final ProcessedEvents processed;
    private final Clock clock;

    BillingOrderListener(BillingOrders orders, ProcessedEvents processed, Clock clock) {
        this.orders = orders;
        this.processed = processed;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.BILLING_ORDERS, groupId = "${spring.application.name}")
    @Transactional
    public void on(ConsumerRecord<String, EventEnvelope<?>> record) {
        EventEnvelope<?> event = record.value();
        if (event == null) {
            orders.delete(record.key());
            log.info("billing order {} removed (tombstone)", record.key());
            return;
        }
        if (!processed.firstDelivery(event.id())) {
            return;
        }
        BillingOrder order = (BillingOrder) event.data();
        orders.upsert(order, clock.instant());
        log.info("billing order {} of customer {} stored", order.orderId(), order.customerId());
    }
}
