package io.refundflow.notifier.settlement;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Topics;
import io.refundflow.platform.inbox.DeliveredEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes billing's word on each refund; a failed one the customer was told was approved gets an email. */
@Component
class SettlementListener {

    private final FailedSettlementRecorder recorder;

    SettlementListener(FailedSettlementRecorder recorder) {
        this.recorder = recorder;
    }

    @KafkaListener(topics = Topics.BILLING_REFUNDS, groupId = "${spring.application.name}")
    public void onSettlement(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, BillingRefund.class, BillingRefund::refundId)) {
            recorder.record(delivered.event());
        }
    }
}
