package io.refundflow.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

public record RefundApproved(
        @JsonUnwrapped DecisionHeader header,
        Money refundAmount) implements RefundDecision {
}
