package io.refundflow.events;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as a CloudEvent: the context attributes travel as Kafka headers ({@link CloudEventHeaders}),
 * the data as the JSON record value.
 *
 * @param subject the refund id (or order id for billing orders), which is also the Kafka key
 */
public record EventEnvelope<T>(String id, String source, EventType type, Instant time, String subject, T data) {

    public static <T> EventEnvelope<T> of(String source, T data, Clock clock) {
        EventType type = EventType.of(data);
        return new EventEnvelope<>(UUID.randomUUID().toString(), source, type, clock.instant(),
                type.subjectOf(data), data);
    }

    public String topic() {
        return type.topic();
    }
}
