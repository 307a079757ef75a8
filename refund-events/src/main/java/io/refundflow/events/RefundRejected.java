package io.refundflow.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** @param remedy what the customer can do to apply again successfully; absent when nothing helps */
public record RefundRejected(
        @JsonUnwrapped DecisionHeader header,
        LocalizedText remedy) implements RefundDecision {
}
