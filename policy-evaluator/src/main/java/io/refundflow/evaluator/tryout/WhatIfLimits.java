package io.refundflow.evaluator.tryout;

/**
 * How much one what-if replays and lists, from the service's settings
 * ({@code refund.evaluator.what-if-sample-size}, {@code refund.evaluator.what-if-max-decisions}). The root
 * package hands them in, so this feature needs nothing of the root, which starts its command line.
 *
 * @param sampleSize   how many changed decisions an answer lists when the body does not say
 * @param maxDecisions how many stored decisions one what-if replays at most
 */
public record WhatIfLimits(int sampleSize, int maxDecisions) {
}
