package io.refundflow.events;

import java.util.Map;

/** An event ready for the wire: topic, key, CloudEvents headers and the JSON payload bytes. */
public record EncodedEvent(String topic, String key, Map<String, String> headers, byte[] payload) {

    public EncodedEvent {
        headers = Map.copyOf(headers);
    }

    public String eventId() {
        return headers.get(CloudEventHeaders.ID);
    }
}
