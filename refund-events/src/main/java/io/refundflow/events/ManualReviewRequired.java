package io.refundflow.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** @param proposedAmount what the policy would refund if the reviewer approves; absent when unknown */
public record ManualReviewRequired(
        @JsonUnwrapped DecisionHeader header,
        Money proposedAmount) implements RefundDecision {
}
