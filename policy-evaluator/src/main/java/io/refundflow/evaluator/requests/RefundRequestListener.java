package io.refundflow.evaluator.requests;

import io.refundflow.evaluator.decide.Decider;
import io.refundflow.evaluator.decide.EvidenceInbox;
import io.refundflow.evaluator.decide.RequestOnOrder;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
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
        Instant now = now();
        if (!requests.insertIfNew(event, now)) {
            ignoreRequestedBefore(event);
            return;
        }
        Optional<BillingOrder> order = orders.find(request.orderId());
        if (order.isPresent()) {
            decider.decide(request, order.get());
        } else {
            waiting.waitForOrder(request, now);
        }
    }

    /**
     * A poll's requests as a set, what {@link #handle} does to each in turn: stored in one statement, their
     * orders read in one, and those whose order is known decided together ({@link Decider#decideAll}). Evidence
     * is rare and handled at its place in the poll, the requests before it first.
     */
    @Override
    public void handleAll(List<Delivery<Record>> deliveries) {
        List<EventEnvelope<Record>> run = new ArrayList<>();
        for (Delivery<Record> delivery : deliveries) {
            if (delivery.payload() instanceof RefundRequested) {
                run.add(delivery.event());
                continue;
            }
            decideAll(run);
            run.clear();
            try (var named = MDC.putCloseable("refundId", subscription().refundId().apply(delivery.payload()))) {
                handle(delivery);
            }
        }
        decideAll(run);
    }

    private void decideAll(List<EventEnvelope<Record>> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = now();
        // The first event of a refund is its request; a second one in the same poll was requested before.
        Map<String, EventEnvelope<Record>> firsts = new LinkedHashMap<>();
        for (EventEnvelope<Record> event : events) {
            if (firsts.putIfAbsent(((RefundRequested) event.data()).refundId(), event) != null) {
                ignoreRequestedBefore(event);
            }
        }
        Set<String> fresh = requests.insertNew(List.copyOf(firsts.values()), now);
        List<RefundRequested> accepted = new ArrayList<>(fresh.size());
        firsts.forEach((refundId, event) -> {
            if (fresh.contains(refundId)) {
                accepted.add((RefundRequested) event.data());
            } else {
                ignoreRequestedBefore(event);
            }
        });
        Map<String, BillingOrder> known = orders.findAll(accepted.stream().map(RefundRequested::orderId).toList());
        List<RequestOnOrder> decidable = new ArrayList<>(accepted.size());
        for (RefundRequested request : accepted) {
            BillingOrder order = known.get(request.orderId());
            if (order != null) {
                decidable.add(new RequestOnOrder(request, order));
            } else {
                try (var named = MDC.putCloseable("refundId", request.refundId())) {
                    waiting.waitForOrder(request, now);
                }
            }
        }
        decider.decideAll(decidable);
    }

    private static void ignoreRequestedBefore(EventEnvelope<Record> event) {
        try (var named = MDC.putCloseable("refundId", ((RefundRequested) event.data()).refundId())) {
            log.info("refund already requested before; request event {} from {} ignored", event.id(),
                    event.source());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
