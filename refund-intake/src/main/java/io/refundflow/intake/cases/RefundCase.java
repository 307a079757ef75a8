package io.refundflow.intake.cases;

import java.time.Instant;

/** One row of {@code refund_case}. */
public record RefundCase(
        String caseId,
        String caseNumber,
        String customerId,
        String orderId,
        Channel channel,
        String description,
        String openedBy,
        CaseStatus status,
        String currentRefundId,
        boolean resubmittable,
        Instant createdAt,
        Instant updatedAt) {
}
