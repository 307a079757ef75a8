package io.refundflow.platform.inbox;

import java.util.List;

/**
 * What a service decides about the events of one topic. A service implements it as a bean, one per topic it
 * consumes, and the platform does the rest once for every topic ({@link EventHandlers}): it subscribes the
 * service's consumer group ({@code spring.application.name}) to {@link Subscription#topic()}, hands a poll's
 * records over in one database transaction ({@link #handleAll}) with the per-record fallback
 * ({@link RecordBatches}), skips tombstones, refuses a payload of another type than {@link Subscription#payload()} as a contract violation
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
     * Handles the new events of one poll at once, in the order of the poll, inside its transaction: after each was
     * checked and the poll's event ids were deduplicated in one statement. A handler whose work is set-oriented
     * (one statement per table for the whole poll) overrides it; by default each event goes to {@link #handle}
     * with its refund in the MDC.
     *
     * <p>When it throws, the poll's work is rolled back and its records are handled again one at a time through
     * {@link #handle}, so that a record that fails is found, retried or dead-lettered alone while the others are
     * kept: {@link #handle} stays the reference for what one event does, and this the same for many.
     */
    default void handleAll(List<Delivery<T>> deliveries) {
        Subscription<T> subscription = subscription();
        for (Delivery<T> delivery : deliveries) {
            try (var named = DeliveredEvent.of(delivery.event(), subscription.payload(), subscription.refundId())) {
                handle(delivery);
            }
        }
    }

    /**
     * A tombstone (a key without value): it carries no event, so by default it is counted and ignored. A topic
     * whose tombstones mean something (a compacted one deletes the key) says what.
     */
    default void tombstone(String key) {
    }
}
