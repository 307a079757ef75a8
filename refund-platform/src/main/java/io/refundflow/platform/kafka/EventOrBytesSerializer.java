package io.refundflow.platform.kafka;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EventSerializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one producer value serializer of every service: the outbox relay and dead-lettering of records
 * that could not be deserialized send ready bytes, everything else sends {@link EventEnvelope}s.
 */
public class EventOrBytesSerializer implements Serializer<Object> {

    private final EventSerializer events = new EventSerializer();

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof EventEnvelope<?> event) {
            return events.serialize(topic, headers, event);
        }
        throw new IllegalArgumentException("cannot serialize " + data.getClass().getName());
    }
}
