package io.refundflow.evaluator.model.review;

import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import java.time.Instant;

/**
 * A manual-review case as stored (one row of the {@code manual_review} table): where it is, who holds or decided
 * it, and the first approval or the evidence request it waits on.
 */
public record ReviewRow(String refundId, String orderId, Ground ground, ProductKind productKind, ReviewStatus status,
        Instant openedAt, String claimedBy, Instant claimedAt, String decidedBy, Instant decidedAt,
        Boolean approved, Money amount, String reasonCode, LocalizedText reason, String reviewedEventId,
        FirstApproval firstApproval, EvidenceRequest evidenceRequest) {
}
