package io.refundflow.evaluator.decide;

import io.refundflow.events.Ground;
import io.refundflow.events.ProductKind;
import java.time.Instant;

/** A case a MANUAL_REVIEW decision puts in the queue; {@code productKind} is null when the order is unknown. */
public record ReviewOpening(String refundId, String orderId, Ground ground, ProductKind productKind,
        Instant openedAt) {
}
