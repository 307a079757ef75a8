package io.refundflow.notifier.decisions;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.Topics;
import io.refundflow.notifier.sending.DeliverySender;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.RecordBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the decisions and only records the email each one calls for; sending happens apart, in the
 * {@link DeliverySender}, so that an SMTP outage never holds up consumption. Records that break the contract
 * never get here: the platform's error handler dead-letters them to {@code refund.decisions.DLT}.
 */
@Component
public class DecisionListener {

    /** The longest event id a {@code RefundNotified} can refer to (its schema's decisionEventId). */
    static final int MAX_EVENT_ID_LENGTH = 128;

    private final DecisionRecorder recorder;
    private final RecordBatches batches;

    public DecisionListener(DecisionRecorder recorder, RecordBatches batches) {
        this.recorder = recorder;
        this.batches = batches;
    }

    /** A poll's decisions are recorded in one transaction (one commit), each as if alone. */
    @KafkaListener(topics = Topics.DECISIONS, groupId = "${spring.application.name}",
            containerFactory = RecordBatches.CONTAINER_FACTORY)
    public void onDecisions(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        batches.eachEvent(records, this::onDecision);
    }

    private void onDecision(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, RefundDecision.class, RefundDecision::refundId)) {
            if (event.id().length() > MAX_EVENT_ID_LENGTH) {
                throw new InvalidEventException("header ce_id: longer than " + MAX_EVENT_ID_LENGTH + " characters");
            }
            recorder.record(delivered.event());
        }
    }
}
