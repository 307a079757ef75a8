package io.refundflow.notifier.delivery;

/** Where one email stands. PENDING is recorded before sending; the others are final. */
public enum DeliveryStatus {
    /** Recorded, not yet accepted by the SMTP server: due at {@code next_attempt_at}. */
    PENDING,
    /** Accepted by the SMTP server. Final: never sent again. */
    SENT,
    /** Refused for good by the SMTP server (5xx for the recipient or the message): reported, not retried. */
    FAILED,
    /** Transient failures outlasted the retry budget: the decision went to the dead-letter topic. */
    DEAD_LETTERED
}
