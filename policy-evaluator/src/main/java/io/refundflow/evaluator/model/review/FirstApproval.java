package io.refundflow.evaluator.model.review;

import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import java.time.Instant;

/**
 * A reviewer's approval that, with what the same reviewer approved alone on the same order within the policy's
 * {@code fourEyesWindow}, is above the policy's four-eyes threshold ({@code fourEyesAbove}): it reserved nothing
 * and told nobody; a second reviewer, not this one, approves the same amount or rejects the case.
 */
public record FirstApproval(String reviewer, Instant approvedAt, Money amount, LocalizedText reason) {
}
