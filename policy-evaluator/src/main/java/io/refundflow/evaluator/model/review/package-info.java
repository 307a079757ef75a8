/**
 * The manual-review case as the model sees it: {@link io.refundflow.evaluator.model.review.ManualReview} applies
 * the approval rules to a case ({@link io.refundflow.evaluator.model.review.ReviewRow}) and a reviewer's decision
 * ({@link io.refundflow.evaluator.model.review.ReviewerDecision}) and answers a sealed
 * {@link io.refundflow.evaluator.model.review.ReviewResult}: what the decision comes to, or why it is refused
 * ({@link io.refundflow.evaluator.model.review.ReviewConflicts} words the refusals that follow from the case's state).
 * Not to be confused with the policy's verdict that sends a request to review
 * ({@link io.refundflow.evaluator.policy.SendToReview}). Plain Java, like the rest of {@code model}: the
 * {@code review} feature stores the case, answers HTTP, rolls back refused transactions and publishes.
 */
package io.refundflow.evaluator.model.review;
