package io.refundflow.intake.progress;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.SettlementStatus;
import io.refundflow.intake.model.CaseStatus;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.intake.ledger.OrderRefunds;
import io.refundflow.intake.ledger.OrderRefunds.Settlement;
import io.refundflow.intake.submit.Submissions.Submission;
import io.refundflow.intake.submit.Submissions;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The step after notify: billing's word on each refund (billing.refunds). Every settlement goes to the
 * order's refund ledger, including refunds billing made by hand (billing's own ids). For a refund of one of
 * intake's cases, on the same order, the case's timeline gains the SETTLED step and the case becomes REFUNDED
 * or REFUND_FAILED (which may be submitted again: nothing was paid back). A settlement of a refund id intake
 * does not know is counted at once and held for its case ({@link ParkedEvents}): it may be read before the
 * request, or be one billing made by hand, which never becomes a case. Anything else leaves cases alone.
 */
@Component
class SettlementListener implements EventHandler<BillingRefund> {

    private static final Logger log = LoggerFactory.getLogger(SettlementListener.class);

    private final Cases cases;
    private final Submissions submissions;
    private final OrderRefunds ledger;
    private final ParkedEvents parked;
    private final Clock clock;

    SettlementListener(Cases cases, Submissions submissions, OrderRefunds ledger, ParkedEvents parked, Clock clock) {
        this.cases = cases;
        this.submissions = submissions;
        this.ledger = ledger;
        this.parked = parked;
        this.clock = clock;
    }

    @Override
    public Subscription<BillingRefund> subscription() {
        return Subscriptions.BILLING_REFUNDS;
    }

    @Override
    public void handle(Delivery<BillingRefund> delivery) {
        EventEnvelope<BillingRefund> event = delivery.event();
        BillingRefund settlement = delivery.payload();
        Optional<Submission> submission = submissions.find(settlement.refundId());
        if (submission.isPresent() && !submission.get().orderId().equals(settlement.orderId())) {
            log.warn("settlement {} names order {}, but refund {} is on order {}: ignored, case unchanged",
                    event.id(), settlement.orderId(), settlement.refundId(), submission.get().orderId());
            return;
        }
        boolean counted = ledger.settled(settlement.refundId(), settlement.orderId(), settlement.status(),
                settlement.amount(), settlement.reason(), clock.instant());
        if (submission.isEmpty()) {
            log.info("refund {} {} on order {} by billing, not one of intake's cases (yet){}",
                    settlement.refundId(), settlement.status(), settlement.orderId(),
                    counted ? "; counted on the order" : "");
            parked.park(event, settlement.refundId());
            return;
        }
        applyToCase(submission.get(), settlement, event.id());
    }

    /**
     * A poll's settlements as a set, what {@link #handle} does to each in turn, with one statement per table: their
     * applications read in one, the settlements counted on their orders in one, those of refunds not known yet held
     * in one, and those of intake's cases locked (in one sorted statement), written to the timelines in one and the
     * cases moved on in one, in memory in the order of the poll, so that two settlements of one case end as if
     * applied one after the other. A refund named on two orders in one poll is rare, and which of them counts
     * depends on what is stored already: that poll goes one settlement at a time.
     */
    @Override
    public void handleAll(List<Delivery<BillingRefund>> deliveries) {
        if (namesARefundOnTwoOrders(deliveries)) {
            EventHandler.super.handleAll(deliveries);
            return;
        }
        Map<String, Submission> applications = submissions.findAll(deliveries.stream()
                .map(delivery -> delivery.payload().refundId()).toList());
        List<EventEnvelope<BillingRefund>> trusted = ignoringOtherOrders(deliveries, applications);
        Instant now = clock.instant();
        Set<String> counted = countOnTheirOrders(trusted, now);
        List<EventEnvelope<BillingRefund>> known = holdUnknown(trusted, applications, counted);
        applyToCases(known, applications, now);
    }

    /**
     * The poll's settlements but those that name another order than their refund's application: those are logged
     * and ignored, as {@link #handle} ignores them. No statement: the applications were read already.
     */
    private static List<EventEnvelope<BillingRefund>> ignoringOtherOrders(List<Delivery<BillingRefund>> deliveries,
            Map<String, Submission> applications) {
        List<EventEnvelope<BillingRefund>> trusted = new ArrayList<>();
        for (Delivery<BillingRefund> delivery : deliveries) {
            EventEnvelope<BillingRefund> event = delivery.event();
            BillingRefund settlement = event.data();
            Submission submission = applications.get(settlement.refundId());
            if (submission == null || submission.orderId().equals(settlement.orderId())) {
                trusted.add(event);
                continue;
            }
            try (var named = named(event)) {
                log.warn("settlement {} names order {}, but refund {} is on order {}: ignored, case unchanged",
                        event.id(), settlement.orderId(), settlement.refundId(), submission.orderId());
            }
        }
        return trusted;
    }

    /** Counts the settlements on their orders' refund ledgers, in one statement; the refund ids it counted. */
    private Set<String> countOnTheirOrders(List<EventEnvelope<BillingRefund>> trusted, Instant now) {
        return ledger.settledAll(trusted.stream().map(EventEnvelope::data)
                .map(settlement -> new Settlement(settlement.refundId(), settlement.orderId(), settlement.status(),
                        settlement.amount(), settlement.reason(), now)).toList());
    }

    /**
     * Holds the settlements of refunds intake does not know (yet) for their cases, in one statement; the others,
     * those of intake's cases, in the order of the poll.
     */
    private List<EventEnvelope<BillingRefund>> holdUnknown(List<EventEnvelope<BillingRefund>> trusted,
            Map<String, Submission> applications, Set<String> counted) {
        List<EventEnvelope<BillingRefund>> unknown = new ArrayList<>();
        List<EventEnvelope<BillingRefund>> known = new ArrayList<>();
        for (EventEnvelope<BillingRefund> event : trusted) {
            BillingRefund settlement = event.data();
            if (applications.containsKey(settlement.refundId())) {
                known.add(event);
                continue;
            }
            try (var named = named(event)) {
                log.info("refund {} {} on order {} by billing, not one of intake's cases (yet){}",
                        settlement.refundId(), settlement.status(), settlement.orderId(),
                        counted.contains(settlement.refundId()) ? "; counted on the order" : "");
            }
            unknown.add(event);
        }
        parked.parkAll(unknown, BillingRefund::refundId);
        return known;
    }

    /**
     * What {@link #applyToCase} does, for the settlements of intake's cases at once: the cases locked in one
     * statement, moved on in memory in the order of the poll, then their SETTLED steps written in one and the cases
     * that changed saved in one.
     */
    private void applyToCases(List<EventEnvelope<BillingRefund>> known, Map<String, Submission> applications,
            Instant now) {
        Map<String, RefundCase> locked = cases.lockAll(known.stream()
                .map(event -> applications.get(event.data().refundId()).caseId()).distinct().toList());
        List<TimelineEntry> timeline = new ArrayList<>(known.size());
        Set<String> moved = new LinkedHashSet<>();
        for (EventEnvelope<BillingRefund> event : known) {
            try (var named = named(event)) {
                Submission submission = applications.get(event.data().refundId());
                timeline.add(settledStep(submission, event.data(), event.id()));
                RefundCase c = locked.get(submission.caseId());
                Optional<RefundCase> next = movedOn(c, event.data(), now);
                next.ifPresent(changed -> {
                    locked.put(changed.caseId(), changed);
                    moved.add(changed.caseId());
                });
            }
        }
        cases.saveAll(moved.stream().map(locked::get).toList(), timeline);
    }

    /** Whether one refund id comes with two order ids in the poll. */
    private static boolean namesARefundOnTwoOrders(List<Delivery<BillingRefund>> deliveries) {
        Map<String, String> orderOf = new HashMap<>();
        for (Delivery<BillingRefund> delivery : deliveries) {
            BillingRefund settlement = delivery.payload();
            String first = orderOf.putIfAbsent(settlement.refundId(), settlement.orderId());
            if (first != null && !first.equals(settlement.orderId())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies a held settlement (already counted on its order when it arrived) to the case of its refund, now
     * known; returns false, changing nothing, while the refund is still unknown.
     */
    @Transactional
    public boolean applyHeld(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, BillingRefund.class, BillingRefund::refundId)) {
            BillingRefund settlement = delivered.payload();
            Optional<Submission> submission = submissions.find(settlement.refundId());
            if (submission.isEmpty()) {
                return false;
            }
            if (!submission.get().orderId().equals(settlement.orderId())) {
                log.warn("held settlement {} names order {}, but refund {} is on order {}: ignored, case unchanged",
                        event.id(), settlement.orderId(), settlement.refundId(), submission.get().orderId());
                return true;
            }
            applyToCase(submission.get(), settlement, event.id());
            return true;
        }
    }

    private void applyToCase(Submission submission, BillingRefund settlement, String eventId) {
        TimelineEntry step = settledStep(submission, settlement, eventId);
        RefundCase c = cases.lock(submission.caseId()).orElseThrow();
        movedOn(c, settlement, clock.instant()).ifPresentOrElse(moved -> cases.save(moved, step),
                () -> cases.append(step));
    }

    private static TimelineEntry settledStep(Submission submission, BillingRefund settlement, String eventId) {
        boolean failed = settlement.status() == SettlementStatus.FAILED;
        return new TimelineEntry(submission.caseId(), settlement.refundId(), TimelineStep.SETTLED,
                settlement.occurredAt(), settlement.status().name(), settlement.amount(),
                failed ? settlement.reason() : null, null, null, eventId);
    }

    /**
     * The case as the settlement leaves it: REFUNDED, or REFUND_FAILED (which may be submitted again), its wait for
     * evidence ended; empty, the case unchanged, where the settlement is of an earlier application of the case.
     */
    private static Optional<RefundCase> movedOn(RefundCase c, BillingRefund settlement, Instant now) {
        if (!settlement.refundId().equals(c.currentRefundId())) {
            log.debug("settlement of an earlier application of case {} recorded in its history", c.caseNumber());
            return Optional.empty();
        }
        boolean failed = settlement.status() == SettlementStatus.FAILED;
        CaseStatus status = failed ? CaseStatus.REFUND_FAILED : CaseStatus.REFUNDED;
        log.info("case {} is now {}: billing {} {}{}", c.caseNumber(), status,
                failed ? "could not pay back" : "paid back", settlement.amount(),
                failed ? " (" + settlement.reason() + ")" : "");
        return Optional.of(new RefundCase(c.caseId(), c.caseNumber(), c.customerId(), c.orderId(), c.channel(),
                c.description(), c.openedBy(), status, c.currentRefundId(), failed, null, c.createdAt(), now));
    }

    private static DeliveredEvent<BillingRefund> named(EventEnvelope<BillingRefund> event) {
        return DeliveredEvent.of(event, BillingRefund.class, BillingRefund::refundId);
    }
}
