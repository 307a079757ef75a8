package io.refundflow.evaluator.model.review;

import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;

/**
 * What a reviewer decided on a case, as {@link ManualReview} checks it: the API's body once it is known to say
 * whether the request is approved.
 *
 * @param amount the refund when approved, or null for the policy's proposal (capped) and for an exchange
 * @param reason the reviewer's reason, or null
 */
public record ReviewerDecision(boolean approved, Money amount, LocalizedText reason) {
}
