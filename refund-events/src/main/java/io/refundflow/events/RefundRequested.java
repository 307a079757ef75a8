package io.refundflow.events;

import java.time.Instant;
import java.util.List;

/**
 * A customer's refund application, published on {@link Topics#REQUESTS} keyed by refund id, by
 * refund-intake or by producers we do not control.
 *
 * @param caseNumber the human-readable case number, absent when a foreign producer opened no case
 * @param locale     preferred language for the answer ({@code zh} or {@code en}); optional
 */
public record RefundRequested(
        String refundId,
        String caseNumber,
        String orderId,
        String customerId,
        Ground ground,
        RequestKind kind,
        String description,
        String locale,
        List<Evidence> evidence,
        Instant submittedAt) {

    public RefundRequested {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
