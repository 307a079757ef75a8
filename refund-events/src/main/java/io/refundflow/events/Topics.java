package io.refundflow.events;

import java.util.Set;

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

    /**
     * The topics only our own services write (the broker's ACLs let no one else): their events are built from
     * records the writer validated when they came in, so a consumer does not check them against their schemas
     * again, only parses, types and requires their required properties. Every other topic, the partners' and
     * billing's, is the trust boundary: checked against its schemas on every read. A topic added later is at the
     * boundary until it is named here.
     */
    private static final Set<String> WRITTEN_IN_HOUSE = Set.of(REQUESTS, DECISIONS, NOTIFICATIONS);

    private Topics() {
    }

    /** Whether a consumer of {@code topic} checks each event against its schema: a writer we do not control. */
    public static boolean validatedOnRead(String topic) {
        return !WRITTEN_IN_HOUSE.contains(topic);
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
