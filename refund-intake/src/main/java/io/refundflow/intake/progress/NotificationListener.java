package io.refundflow.intake.progress;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EventType;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.RefundNotified;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.intake.submit.Submissions;
import io.refundflow.intake.submit.Submissions.Submission;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.ProcessedEvents;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps case timelines current from the notify step's notifications: the customer reads whether and how they were
 * told. A notification about a refund intake does not know yet is held ({@link ParkedEvents}) and applied when
 * the request arrives ({@link EarlyEvents}). The notifier's email about an overdue review went to the ops mailbox,
 * not the customer: it is consumed and changes nothing on the case.
 */
@Component
class NotificationListener implements EventHandler<RefundNotified> {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final Cases cases;
    private final Submissions submissions;
    private final ProcessedEvents processed;
    private final ParkedEvents parked;

    NotificationListener(Cases cases, Submissions submissions, ProcessedEvents processed, ParkedEvents parked) {
        this.cases = cases;
        this.submissions = submissions;
        this.processed = processed;
        this.parked = parked;
    }

    /** Deduplicated here, not before: a notification of a refund not known yet is held, and deduplicated when applied. */
    @Override
    public Subscription<RefundNotified> subscription() {
        return Subscriptions.NOTIFICATIONS.dedupedByHandler();
    }

    @Override
    public void handle(Delivery<RefundNotified> notification) {
        if (!apply(notification.event())) {
            parked.park(notification.event(), notification.payload().refundId());
        }
    }

    /**
     * Applies a notification held before its refund was known ({@link EarlyEvents}); returns false, changing
     * nothing, while the refund is still unknown.
     */
    @Transactional
    public boolean applyNotification(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, RefundNotified.class, RefundNotified::refundId)) {
            return apply(delivered.event());
        }
    }

    /** Records a notification about a refund intake knows; returns false, changing nothing, for an unknown one. */
    private boolean apply(EventEnvelope<RefundNotified> event) {
        RefundNotified notified = event.data();
        if (EventType.REVIEW_OVERDUE.ceType().equals(notified.decisionType())) {
            // the email went to the ops mailbox: telling the customer "we sent you the result" would be false
            if (processed.firstDelivery(event)) {
                log.debug("ops notified of the overdue review of refund {} by {}: {}; the customer's case is"
                        + " unchanged", notified.refundId(), notified.channel(), notified.status());
            }
            return true;
        }
        Optional<Submission> submission = submissions.find(notified.refundId());
        if (submission.isEmpty()) {
            return false;
        }
        if (!processed.firstDelivery(event)) {
            return true;
        }
        // The customer reads a plain sentence; the sender's reply (hosts, addresses) is for ops only.
        String detail = NotificationText.forCustomer(notified, submission.get().locale());
        cases.append(new TimelineEntry(submission.get().caseId(), notified.refundId(), TimelineStep.NOTIFIED,
                notified.occurredAt(), notified.status().name(), null, null, null, detail, event.id()));
        if (notified.status() == NotificationStatus.FAILED) {
            log.warn("customer could not be notified of refund {} by {}: {}", notified.refundId(),
                    notified.channel(), notified.detail());
        } else {
            log.debug("customer notified of refund {} by {}: {}", notified.refundId(), notified.channel(),
                    notified.status());
        }
        return true;
    }
}
