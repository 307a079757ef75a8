package io.refundflow.benchmark;

import java.util.concurrent.CompletableFuture;

/** A way of submitting refunds: over the intake's REST API, or as a partner onto refund.requests.partner. */
interface Driver extends AutoCloseable {

    /** {@code http} or {@code kafka}. */
    String path();

    /**
     * Submits one refund. {@code intendedNanos} is the moment it was meant to be submitted (fixed-rate
     * schedule), or -1 to take the moment the submit is actually sent. Completes when the submit was answered
     * (or failed, counted as an error); never completes exceptionally.
     */
    CompletableFuture<Void> submit(Workload.Prepared refund, String phase, long intendedNanos);

    @Override
    void close();
}
