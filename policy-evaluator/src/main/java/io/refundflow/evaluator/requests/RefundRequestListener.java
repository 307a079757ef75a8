package io.refundflow.evaluator.requests;

import io.refundflow.evaluator.decide.Decider;
import io.refundflow.evaluator.decide.EvidenceInbox;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.RefundRequested;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Consumes refund requests, and the files customers add when a reviewer asks for more evidence (handed to the
 * {@link EvidenceInbox}), from refund-intake and from producers we do not know (contract violations are
 * dead-lettered by the platform's error handler before they reach this method). Idempotent twice over: on the
 * event id (the platform's {@code processed_event}) and on the refund id ({@code refund_request}'s primary key),
 * both in the transaction that stores the decision and its outbox event: one transaction per poll, whose order
 * locks serialise it with every other decision on the same orders.
 */
@Component
class RefundRequestListener implements EventHandler<Record> {

    private static final Logger log = LoggerFactory.getLogger(RefundRequestListener.class);

    private final RefundRequests requests;
    private final BillingOrders orders;
    private final Decider decider;
    private final WaitingRequests waiting;
    private final EvidenceInbox evidence;
    private final Clock clock;

    RefundRequestListener(RefundRequests requests, BillingOrders orders, Decider decider, WaitingRequests waiting,
            EvidenceInbox evidence, Clock clock) {
        this.requests = requests;
        this.orders = orders;
        this.decider = decider;
        this.waiting = waiting;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** refund.requests carries two payloads: a request, and evidence added to one. */
    @Override
    public Subscription<Record> subscription() {
        return Subscriptions.REQUESTS;
    }

    @Override
    public void handle(Delivery<Record> delivery) {
        EventEnvelope<Record> event = delivery.event();
        if (event.data() instanceof EvidenceAdded added) {
            evidence.added(event, added);
            return;
        }
        RefundRequested request = (RefundRequested) event.data();
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
