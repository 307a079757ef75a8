package io.refundflow.notifier.model;

/** Where one email stands. PENDING is recorded before sending; the others are final, but for ops' resend. */
public enum DeliveryStatus {
    /** Recorded, not yet accepted by the SMTP server: due at {@code next_attempt_at}. */
    PENDING,
    /** Accepted by the SMTP server. Final: never sent again. */
    SENT,
    /** Refused for good by the SMTP server (5xx for the recipient or the message): reported, not retried. */
    FAILED,
    /** Transient failures outlasted the retry budget: the decision went to the dead-letter topic. */
    DEAD_LETTERED,
    /**
     * Sent whole, then no answer from the server: it may have been delivered. Not resent automatically; ops
     * may resend it explicitly (back to PENDING), accepting a possible duplicate.
     */
    UNCONFIRMED
}
