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
import io.refundflow.intake.submit.Submissions.Submission;
import io.refundflow.intake.submit.Submissions;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import java.util.Optional;
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
        boolean failed = settlement.status() == SettlementStatus.FAILED;
        cases.append(new TimelineEntry(submission.caseId(), settlement.refundId(), TimelineStep.SETTLED,
                settlement.occurredAt(), settlement.status().name(), settlement.amount(),
                failed ? settlement.reason() : null, null, null, eventId));
        RefundCase c = cases.lock(submission.caseId()).orElseThrow();
        if (!settlement.refundId().equals(c.currentRefundId())) {
            log.debug("settlement of an earlier application of case {} recorded in its history", c.caseNumber());
            return;
        }
        CaseStatus status = failed ? CaseStatus.REFUND_FAILED : CaseStatus.REFUNDED;
        cases.update(c.caseId(), status, c.currentRefundId(), failed);
        log.info("case {} is now {}: billing {} {}{}", c.caseNumber(), status,
                failed ? "could not pay back" : "paid back", settlement.amount(),
                failed ? " (" + settlement.reason() + ")" : "");
    }
}
