package io.refundflow.dashboard.feed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record exactly as it is on the topic: whatever its key, headers and bytes, valid or not.
 *
 * @param headers every header in order, values as UTF-8 text (a repeated name appears repeatedly)
 */
public record RawRecord(String topic, int partition, long offset, long timestamp, String key,
        List<Header> headers, byte[] value) {

    public RawRecord {
        headers = List.copyOf(headers);
    }

    public static RawRecord of(ConsumerRecord<String, byte[]> record) {
        List<Header> headers = new ArrayList<>();
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            headers.add(new Header(header.key(),
                    header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8)));
        }
        return new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                headers, record.value());
    }

    /** The last value of each header name. */
    public Map<String, String> lastHeaders() {
        Map<String, String> last = new LinkedHashMap<>();
        headers.forEach(h -> last.put(h.name(), h.value()));
        return Collections.unmodifiableMap(last);
    }

    public String header(String name) {
        String value = null;
        for (Header h : headers) {
            if (h.name().equals(name)) {
                value = h.value();
            }
        }
        return value;
    }

    /** {@code topic@partition:offset}: where the record is, the way the page and the replay header name it. */
    public String position() {
        return topic + "@" + partition + ":" + offset;
    }

    /** One header, its value as UTF-8 text. */
    public record Header(String name, String value) {
    }
}
