/**
 * Refund requests arriving: the listener for {@code RefundRequested} and {@code EvidenceAdded}, the stored
 * requests, and those waiting for their billing order (with the sweeper that gives up on them). It hands each
 * request to {@code decide}'s {@link io.refundflow.evaluator.decide.Decider}; {@code billing} wakes the waiting ones.
 */
package io.refundflow.evaluator.requests;
