package io.refundflow.notifier.decisions;

import io.refundflow.events.InvalidEventException;
import io.refundflow.events.RefundDecision;
import io.refundflow.notifier.sending.DeliverySender;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Consumes the decisions and only records the email each one calls for; sending happens apart, in the
 * {@link DeliverySender}, so that an SMTP outage never holds up consumption. Records that break the contract
 * never get here: the platform's error handler dead-letters them to {@code refund.decisions.DLT}.
 */
@Component
public class DecisionListener implements EventHandler<RefundDecision> {

    /** The longest event id a {@code RefundNotified} can refer to (its schema's decisionEventId). */
    static final int MAX_EVENT_ID_LENGTH = 128;

    private final DecisionRecorder recorder;

    public DecisionListener(DecisionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public Subscription<RefundDecision> subscription() {
        return Subscriptions.DECISIONS;
    }

    /** An id a {@code RefundNotified} cannot refer to breaks the contract: refused before anything is stored. */
    @Override
    public void check(Delivery<RefundDecision> decision) {
        if (decision.event().id().length() > MAX_EVENT_ID_LENGTH) {
            throw new InvalidEventException("header ce_id: longer than " + MAX_EVENT_ID_LENGTH + " characters");
        }
    }

    @Override
    public void handle(Delivery<RefundDecision> decision) {
        recorder.record(decision.event());
    }

    /** A poll's decisions recorded as a set: a statement per table for the whole poll ({@link DecisionRecorder}). */
    @Override
    public void handleAll(List<Delivery<RefundDecision>> decisions) {
        recorder.recordAll(decisions.stream().map(Delivery::event).toList());
    }
}
