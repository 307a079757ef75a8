package io.refundflow.evaluator.model;

import io.refundflow.events.Money;
import java.time.Instant;

/**
 * One refund of an order as the ledger counts it.
 *
 * @param failureReason billing's reason for a RELEASED entry; null otherwise
 */
public record LedgerEntry(String refundId, String orderId, Money amount, EntryState state, EntryOrigin origin,
        Instant createdAt, Instant updatedAt, String failureReason) {
}
