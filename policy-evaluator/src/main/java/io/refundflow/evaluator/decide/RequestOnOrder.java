package io.refundflow.evaluator.decide;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.RefundRequested;

/** A request to decide, with the billing order it names, known. */
public record RequestOnOrder(RefundRequested request, BillingOrder order) {
}
