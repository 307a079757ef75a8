package io.refundflow.events;

/** Kafka topic names shared by every service and by foreign producers. */
public final class Topics {

    /** Trusted requests: written only by refund-intake, the one gate; the evaluator decides only from these. */
    public static final String REQUESTS = "refund.requests";
    /**
     * Requests from producers we do not control. Created with broker time ({@code LogAppendTime}): refund-intake
     * takes each, opens its case with the time it reached the broker, and forwards it to {@link #REQUESTS}.
     */
    public static final String PARTNER_REQUESTS = "refund.requests.partner";
    public static final String DECISIONS = "refund.decisions";
    public static final String NOTIFICATIONS = "refund.notifications";
    /** Compacted, keyed by order id; owned by the billing system. */
    public static final String BILLING_ORDERS = "billing.orders";
    /** What billing did with each refund (executed or failed), keyed by order id; owned by the billing system. */
    public static final String BILLING_REFUNDS = "billing.refunds";

    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
