package io.refundflow.platform.inbox;

/**
 * What a service decides about the events of one topic. A service implements it as a bean, one per topic it
 * consumes, and the platform does the rest once for every topic ({@link EventHandlers}): it subscribes the
 * service's consumer group ({@code spring.application.name}) to {@link Subscription#topic()}, hands a poll's
 * records over in one database transaction with the per-record fallback ({@link RecordBatches}), skips
 * tombstones, refuses a payload of another type than {@link Subscription#payload()} as a contract violation
 * (dead-lettered at once), names the refund in the MDC ({@link DeliveredEvent}), and ignores an event id it has
 * processed before ({@link ProcessedEvents}), all inside that transaction:
 *
 * <pre>{@code
 * @Component
 * class SettlementListener implements EventHandler<BillingRefund> {
 *     public Subscription<BillingRefund> subscription() {
 *         return Subscriptions.BILLING_REFUNDS;
 *     }
 *     public void handle(Delivery<BillingRefund> settlement) {
 *         ... settlement.payload() ...
 *     }
 * }
 * }</pre>
 *
 * An exception from {@link #handle} rolls the record's work back: an {@code InvalidEventException} dead-letters
 * it at once, a database outage retries it until the database is back, anything else retries it a while.
 *
 * @param <T> the payload type the topic carries
 */
public interface EventHandler<T> {

    /** The topic, its payload type and how the events are deduplicated; constant for the handler's life. */
    Subscription<T> subscription();

    /**
     * Refuses, before the event id is stored to deduplicate it, an event that cannot be stored at all (text the
     * database refuses, in its id too): throw an {@code InvalidEventException} to dead-letter it at once. Most
     * handlers check nothing here: a refusal from {@link #handle} rolls back the stored id with the rest.
     */
    default void check(Delivery<T> delivery) {
    }

    /** Handles one event, inside the transaction of its poll, after its event id was deduplicated. */
    void handle(Delivery<T> delivery);

    /**
     * A tombstone (a key without value): it carries no event, so by default it is counted and ignored. A topic
     * whose tombstones mean something (a compacted one deletes the key) says what.
     */
    default void tombstone(String key) {
    }
}
