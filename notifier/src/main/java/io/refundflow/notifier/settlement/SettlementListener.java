package io.refundflow.notifier.settlement;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Topics;
import org.slf4j.MDC;
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
        if (!(event.data() instanceof BillingRefund settlement)) {
            throw new InvalidEventException("payload: " + event.type().ceType() + " is not a billing refund");
        }
        try (var ignored = MDC.putCloseable("refundId", settlement.refundId())) {
            @SuppressWarnings("unchecked")
            EventEnvelope<BillingRefund> typed = (EventEnvelope<BillingRefund>) event;
            recorder.record(typed);
        }
    }
}
