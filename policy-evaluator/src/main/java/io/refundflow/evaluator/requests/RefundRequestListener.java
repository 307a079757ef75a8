package io.refundflow.evaluator.requests;

import io.refundflow.evaluator.decide.Decider;
import io.refundflow.evaluator.decide.EvidenceInbox;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.ProcessedEvents;
import io.refundflow.platform.inbox.RecordBatches;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes refund requests, and the files customers add when a reviewer asks for more evidence (handed to the
 * {@link EvidenceInbox}), from refund-intake and from producers we do not know (contract violations are
 * dead-lettered by the platform's error handler before they reach this method). Idempotent twice over: on the
 * event id ({@code processed_event}) and on the refund id ({@code refund_request}'s primary key), both in the
 * transaction that stores the decision and its outbox event: one transaction per poll ({@link RecordBatches}),
 * whose order locks serialise it with every other decision on the same orders.
 */
@Component
class RefundRequestListener {

    private static final Logger log = LoggerFactory.getLogger(RefundRequestListener.class);

    private final ProcessedEvents processed;
    private final RefundRequests requests;
    private final BillingOrders orders;
    private final Decider decider;
    private final WaitingRequests waiting;
    private final EvidenceInbox evidence;
    private final Clock clock;
    private final RecordBatches batches;

    RefundRequestListener(ProcessedEvents processed, RefundRequests requests, BillingOrders orders, Decider decider,
            WaitingRequests waiting, EvidenceInbox evidence, Clock clock, RecordBatches batches) {
        this.processed = processed;
        this.requests = requests;
        this.orders = orders;
        this.decider = decider;
        this.waiting = waiting;
        this.evidence = evidence;
        this.clock = clock;
        this.batches = batches;
    }

    /** A poll's requests are decided in one transaction (one commit), each as if alone. */
    @KafkaListener(topics = Topics.REQUESTS, groupId = "${spring.application.name}",
            containerFactory = RecordBatches.CONTAINER_FACTORY)
    public void on(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        batches.inOneTransaction(records, this::handle);
    }

    private void handle(ConsumerRecord<String, EventEnvelope<?>> record) {
        if (DeliveredEvent.isTombstone(record)) {
            return;
        }
        EventEnvelope<?> event = record.value();
        if (event.data() instanceof EvidenceAdded) {
            onEvidenceAdded(event);
            return;
        }
        try (var delivered = DeliveredEvent.of(event, RefundRequested.class, RefundRequested::refundId)) {
            RefundRequested request = delivered.payload();
            if (!processed.firstDelivery(event)) {
                return;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!requests.insertIfNew(event, request, now)) {
                log.info("refund already requested before; request event {} from {} ignored", event.id(),
                        event.source());
                return;
            }
            Optional<BillingOrder> order = orders.find(request.orderId());
            if (order.isPresent()) {
                decider.decide(request, order.get());
            } else {
                waiting.waitForOrder(request, now);
            }
        }
    }

    private void onEvidenceAdded(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, EvidenceAdded.class, EvidenceAdded::refundId)) {
            if (processed.firstDelivery(event)) {
                evidence.added(event, delivered.payload());
            }
        }
    }
}
