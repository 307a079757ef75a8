package io.refundflow.notifier.settlement;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.RecordBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes billing's word on each refund; a failed one the customer was told was approved gets an email. */
@Component
class SettlementListener {

    private final FailedSettlementRecorder recorder;
    private final RecordBatches batches;

    SettlementListener(FailedSettlementRecorder recorder, RecordBatches batches) {
        this.recorder = recorder;
        this.batches = batches;
    }

    /** A poll's events are handled in one transaction (one commit), each as if alone. */
    @KafkaListener(topics = Topics.BILLING_REFUNDS, groupId = "${spring.application.name}",
            containerFactory = RecordBatches.CONTAINER_FACTORY)
    public void onSettlements(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        batches.eachEvent(records, this::onSettlement);
    }

    private void onSettlement(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, BillingRefund.class, BillingRefund::refundId)) {
            recorder.record(delivered.event());
        }
    }
}
