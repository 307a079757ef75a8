package io.refundflow.intake.orders;

import io.refundflow.events.BillingMode;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import java.time.Instant;

/**
 * One of the caller's orders as billing holds it, with what intake can tell about refunding it: what is left
 * (paid − refunds approved or paid back, never below zero; the evaluator's ledger stays the authority) and the
 * case whose request on it is still open, if any (a second request is refused while one is open).
 *
 * @param locale         the language billing holds for the customer ({@code zh} or {@code en}), may be absent
 * @param refundable     what is still left to refund on the order
 * @param openCaseId     the case with an open request on this order, or absent
 * @param openCaseNumber its case number, or absent
 */
public record CustomerOrder(String orderId, ProductKind productKind, BillingMode billingMode, Money paidAmount,
        Instant paidAt, Instant termStart, Instant termEnd, String locale, Money refundable, String openCaseId,
        String openCaseNumber) {
}
