package io.refundflow.portal.model;

import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import java.time.Instant;

/** One of the customer's orders as refund-intake's {@code GET /api/orders} answers it. */
public record Order(String orderId, ProductKind productKind, Money paidAmount, Instant paidAt, Instant termEnd,
        String locale, Money refundable, String openCaseId, String openCaseNumber) {

    /** Whether a new request may be started: money left and no request open (the API checks both again). */
    public boolean mayRequest() {
        return openCaseId == null && refundable != null && refundable.isPositive();
    }
}
