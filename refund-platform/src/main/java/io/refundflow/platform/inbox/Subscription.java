package io.refundflow.platform.inbox;

import java.util.function.Function;

/**
 * How a service consumes one topic ({@link EventHandler}).
 *
 * @param topic    the topic; the service's consumer group reads it, under the listener id of the topic's name
 * @param payload  the payload type the topic carries; any other breaks the topic's contract
 * @param refundId the refund a payload is about, for the MDC of every log line while it is handled
 * @param dedupe   who keeps a redelivered event from acting twice
 * @param pace     whether a refund on its way waits for the topic's events, or they may be gathered
 */
public record Subscription<T>(String topic, Class<T> payload, Function<? super T, String> refundId, Dedupe dedupe,
        Pace pace) {

    /** Who keeps a redelivered or duplicated event from acting twice. */
    public enum Dedupe {
        /** The platform: an event id already in {@code processed_event} is not handed to the handler. */
        EVENT_ID,
        /**
         * The handler itself: its effect is idempotent by a natural key (an upsert), or it records the event id
         * only once it knows the event has an effect (holding events of unknown refunds, writing nothing for most).
         */
        BY_HANDLER
    }

    /**
     * How soon a poll hands over what arrived: the commits per refund and the CPU of the many small polls a steady
     * stream makes, against the wait of whoever waits for the events.
     */
    public enum Pace {
        /** A refund's decision or email waits for these events: a poll returns as soon as one has arrived. */
        PROMPT,
        /**
         * Nothing on a refund's way waits for these events (billing's feeds, the record that an email went out): a
         * poll gathers what arrives within {@code refund.kafka.gathered.max-wait} ({@link GatheredConsumers}), so a
         * steady stream costs a few transactions a second, not one per event.
         */
        GATHERED
    }

    /** A prompt topic whose events the platform deduplicates on their event id: what almost every handler wants. */
    public static <T> Subscription<T> of(String topic, Class<T> payload, Function<? super T, String> refundId) {
        return new Subscription<>(topic, payload, refundId, Dedupe.EVENT_ID, Pace.PROMPT);
    }

    /** The same topic, deduplicated by the handler ({@link Dedupe#BY_HANDLER}). */
    public Subscription<T> dedupedByHandler() {
        return new Subscription<>(topic, payload, refundId, Dedupe.BY_HANDLER, pace);
    }

    /** The same topic, its events gathered ({@link Pace#GATHERED}). */
    public Subscription<T> gathered() {
        return new Subscription<>(topic, payload, refundId, dedupe, Pace.GATHERED);
    }
}
