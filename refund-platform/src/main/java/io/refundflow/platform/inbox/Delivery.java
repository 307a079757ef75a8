package io.refundflow.platform.inbox;

import io.refundflow.events.EventEnvelope;
import java.time.Instant;
import java.util.Optional;

/**
 * One event as its {@link EventHandler} gets it.
 *
 * @param key        the record's key
 * @param event      the event, its payload of the topic's type
 * @param appendedAt when the broker appended the record, where the topic is stamped with broker time
 *                   ({@code message.timestamp.type=LogAppendTime}); empty where the producer's clock stamped it
 */
public record Delivery<T>(String key, EventEnvelope<T> event, Optional<Instant> appendedAt) {

    public T payload() {
        return event.data();
    }
}
