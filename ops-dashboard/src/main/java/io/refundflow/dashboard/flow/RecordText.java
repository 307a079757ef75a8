package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.feed.RawRecord;
import io.refundflow.dashboard.flow.Views.Event;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's bytes as the page shows them: every value on the topics is foreign data, so it is read leniently
 * (not JSON, not UTF-8, missing fields are all possible) and cut to a bounded length.
 */
final class RecordText {

    private final JsonMapper json = JsonMapper.builder().build();
    private final int maxPayloadChars;

    RecordText(int maxPayloadChars) {
        this.maxPayloadChars = maxPayloadChars;
    }

    /** The record as one of the latest events: its position, headers and payload text. */
    Event event(RawRecord record) {
        byte[] value = record.value();
        return new Event(record.topic(), record.partition(), record.offset(), record.key(),
                Instant.ofEpochMilli(record.timestamp()), record.headers(), text(value),
                value == null ? 0 : value.length);
    }

    /** The payload as a JSON object, or null where it is none. */
    JsonNode parse(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A field's text, or null where the node, the field or its text is missing. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        return value.asString();
    }

    private String text(byte[] value) {
        if (value == null) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return "(" + value.length + " bytes, not UTF-8 text)";
        }
        return text.length() <= maxPayloadChars ? text
                : text.substring(0, maxPayloadChars) + "… (" + (text.length() - maxPayloadChars) + " more characters)";
    }
}
