package io.refundflow.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes as {@code ce_*} headers. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** The attributes every event on our topics must carry. */
    public static final List<String> REQUIRED = List.of(SPEC_VERSION, ID, SOURCE, TYPE, TIME, SUBJECT);

    private CloudEventHeaders() {
    }

    public static Map<String, String> of(EventEnvelope<?> event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, SPEC_VERSION_1_0);
        headers.put(ID, event.id());
        headers.put(SOURCE, event.source());
        headers.put(TYPE, event.type().ceType());
        headers.put(TIME, event.time().toString());
        headers.put(SUBJECT, event.subject());
        headers.put(CONTENT_TYPE, JSON);
        return headers;
    }

    public static void write(Map<String, String> attributes, Headers target) {
        attributes.forEach((name, value) -> {
            target.remove(name);
            target.add(name, value.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The last value of each header, as text. */
    public static Map<String, String> read(Headers headers) {
        Map<String, String> values = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                if (header.value() != null) {
                    values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
