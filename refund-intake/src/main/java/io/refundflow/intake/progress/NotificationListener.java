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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps case timelines current from the notify step's notifications: the customer reads whether and how they were
 * told. A notification about a refund intake does not know yet is held ({@link ParkedEvents}) and applied when
 * the request arrives ({@link EarlyEvents}). The notifier's email about an overdue review went to the ops mailbox,
 * not the customer: it is consumed and changes nothing on the case. A poll's notifications are recorded together
 * ({@link #handleAll}); one goes the same way, as a poll of one.
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

    /** One notification goes the way a poll of them goes: as a poll of one. */
    @Override
    public void handle(Delivery<RefundNotified> notification) {
        handleAll(List.of(notification));
    }

    /** A poll's notifications, recorded in their order with one statement per table; those of unknown refunds held. */
    @Override
    public void handleAll(List<Delivery<RefundNotified>> notifications) {
        parked.parkAll(apply(notifications.stream().map(Delivery::event).toList()), RefundNotified::refundId);
    }

    /**
     * Applies a notification held before its refund was known ({@link EarlyEvents}); returns false, changing
     * nothing, while the refund is still unknown.
     */
    @Transactional
    public boolean applyNotification(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, RefundNotified.class, RefundNotified::refundId)) {
            return apply(List.of(delivered.event())).isEmpty();
        }
    }

    /**
     * Records, in their order and each once, the notifications about refunds intake knows; returns those about
     * refunds not known yet, changing nothing for them.
     */
    private List<EventEnvelope<RefundNotified>> apply(List<EventEnvelope<RefundNotified>> events) {
        Map<String, Submission> applications = submissions.findAll(events.stream().map(EventEnvelope::data)
                .filter(notified -> !toOps(notified)).map(RefundNotified::refundId).toList());
        List<EventEnvelope<RefundNotified>> unknown = new ArrayList<>();
        List<EventEnvelope<RefundNotified>> known = new ArrayList<>();
        for (EventEnvelope<RefundNotified> event : events) {
            boolean held = !toOps(event.data()) && !applications.containsKey(event.data().refundId());
            (held ? unknown : known).add(event);
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (EventEnvelope<RefundNotified> event : FirstDeliveries.of(processed, known)) {
            try (var named = DeliveredEvent.of(event, RefundNotified.class, RefundNotified::refundId)) {
                RefundNotified notified = event.data();
                if (toOps(notified)) {
                    // the email went to the ops mailbox: telling the customer "we sent you the result" would be false
                    log.debug("ops notified of the overdue review of refund {} by {}: {}; the customer's case is"
                            + " unchanged", notified.refundId(), notified.channel(), notified.status());
                } else {
                    timeline.add(entry(event, applications.get(notified.refundId())));
                }
            }
        }
        cases.appendAll(timeline);
        return unknown;
    }

    /** What the customer reads of the notification on the NOTIFIED step. */
    private static TimelineEntry entry(EventEnvelope<RefundNotified> event, Submission submission) {
        RefundNotified notified = event.data();
        if (notified.status() == NotificationStatus.FAILED) {
            log.warn("customer could not be notified of refund {} by {}: {}", notified.refundId(),
                    notified.channel(), notified.detail());
        } else {
            log.debug("customer notified of refund {} by {}: {}", notified.refundId(), notified.channel(),
                    notified.status());
        }
        // The customer reads a plain sentence; the sender's reply (hosts, addresses) is for ops only.
        String detail = NotificationText.forCustomer(notified, submission.locale());
        return new TimelineEntry(submission.caseId(), notified.refundId(), TimelineStep.NOTIFIED,
                notified.occurredAt(), notified.status().name(), null, null, null, detail, event.id());
    }

    /** The notifier's report of the ops email about an overdue review: nothing the customer was told. */
    private static boolean toOps(RefundNotified notified) {
        return EventType.REVIEW_OVERDUE.ceType().equals(notified.decisionType());
    }
}
