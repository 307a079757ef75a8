package io.refundflow.notifier.settlement;

import io.refundflow.events.BillingRefund;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.util.List;
import org.springframework.stereotype.Component;

/** Consumes billing's word on each refund; a failed one the customer was told was approved gets an email. */
@Component
class SettlementListener implements EventHandler<BillingRefund> {

    private final FailedSettlementRecorder recorder;

    SettlementListener(FailedSettlementRecorder recorder) {
        this.recorder = recorder;
    }

    /** Deduplicated by the recorder, and only for a failed settlement: the executed ones write nothing. */
    @Override
    public Subscription<BillingRefund> subscription() {
        return Subscriptions.BILLING_REFUNDS.dedupedByHandler();
    }

    @Override
    public void handle(Delivery<BillingRefund> settlement) {
        recorder.record(settlement.event());
    }

    /** A poll's settlements as a set: a few statements for all of them, whatever its size. */
    @Override
    public void handleAll(List<Delivery<BillingRefund>> settlements) {
        recorder.recordAll(settlements.stream().map(Delivery::event).toList());
    }
}
