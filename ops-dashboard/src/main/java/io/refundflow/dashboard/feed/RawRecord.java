package io.refundflow.dashboard.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * One record exactly as it is on the topic: whatever its key, headers and bytes, valid or not.
 *
 * @param headers every header in order, values as UTF-8 text (a repeated name appears repeatedly)
 */
public record RawRecord(String topic, int partition, long offset, long timestamp, String key,
        List<Header> headers, byte[] value) {

    private static final Set<String> BINARY_NUMBERS = Set.of(KafkaHeaders.DLT_ORIGINAL_PARTITION,
            KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);

    public RawRecord {
        headers = List.copyOf(headers);
    }

    public static RawRecord of(ConsumerRecord<String, byte[]> record) {
        List<Header> headers = new ArrayList<>();
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            headers.add(new Header(header.key(), text(header.key(), header.value())));
        }
        return new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                headers, record.value());
    }

    /**
     * A header value as text: Spring Kafka writes the dead-letter partition, offset and timestamp as binary
     * numbers, shown in decimal; any other value that is not UTF-8 is shown in hex.
     */
    static String text(String name, byte[] value) {
        if (value == null) {
            return "";
        }
        if (BINARY_NUMBERS.contains(name) && value.length == Integer.BYTES) {
            return String.valueOf(ByteBuffer.wrap(value).getInt());
        }
        if (BINARY_NUMBERS.contains(name) && value.length == Long.BYTES) {
            return String.valueOf(ByteBuffer.wrap(value).getLong());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return "0x" + HexFormat.of().formatHex(value);
        }
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
