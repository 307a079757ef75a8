package io.refundflow.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into wire form and back. The JSON Schemas are checked where input crosses the trust boundary: on
 * reading a topic written by a system we do not control ({@link Topics#validatedOnRead}), so that a foreign
 * producer's mistake is named precisely in the dead-letter headers. An event a service builds from its own records
 * is not checked again on the way out, nor by the next in-house consumer: that consumer still parses and types it
 * and requires every property its schema requires ({@link RequiredProperties}), which dead-letters a malformed
 * record as surely, at a fraction of the cost. That the services' events match their schemas is proven by tests
 * ({@link #requireValid}). Thread-safe; create one and share it.
 */
public final class EventCodec {

    private static final int MAX_REPORTED_VIOLATIONS = 5;
    /** The {@code $id} prefix of every schema under {@code /schemas}. */
    private static final String SCHEMA_IDS = "https://refundflow.io/schemas/";

    private final JsonMapper mapper;
    private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);
    private final Map<EventType, RequiredProperties> required = new EnumMap<>(EventType.class);

    public EventCodec() {
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        // The decision schemas share decision-header.schema.json by relative $ref; resolved against their $id, it
        // is read from the classpath, never fetched over the network.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_IDS, "classpath:schemas/")));
        for (EventType type : EventType.values()) {
            JsonNode schema = readSchema(type.schemaResource());
            schemas.put(type, registry.getSchema(schema));
            required.put(type, RequiredProperties.of(schema, file -> readSchema("/schemas/" + file)));
        }
    }

    private JsonNode readSchema(String resource) {
        try (InputStream in = EventCodec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /** The event in wire form, not checked against its schema: a service builds it from its own records. */
    public EncodedEvent encode(EventEnvelope<?> event) {
        return new EncodedEvent(event.topic(), event.subject(), CloudEventHeaders.of(event),
                mapper.writeValueAsBytes(event.data()));
    }

    /**
     * Checks an encoded event against its type's schema: what the tests of every producer do with what it built.
     *
     * @throws InvalidEventException naming the violations
     */
    public void requireValid(EncodedEvent event) {
        EventType type = EventType.byCeType(event.headers().get(CloudEventHeaders.TYPE))
                .orElseThrow(() -> new InvalidEventException("header " + CloudEventHeaders.TYPE + ": unknown"));
        requireValid(type, mapper.readTree(event.payload()));
    }

    /** Reads an event with every check, its schema included, as from a topic at the trust boundary. */
    public EventEnvelope<?> decode(Map<String, String> headers, byte[] payload) {
        return decode(headers, payload, true);
    }

    /**
     * Reads an event that arrived on {@code topic}: checked against its schema only when the topic is at the trust
     * boundary ({@link Topics#validatedOnRead}); headers, parsing, typing, required properties and the subject
     * always.
     */
    public EventEnvelope<?> decode(String topic, Map<String, String> headers, byte[] payload) {
        return decode(headers, payload, Topics.validatedOnRead(topic));
    }

    private EventEnvelope<?> decode(Map<String, String> headers, byte[] payload, boolean validate) {
        for (String required : CloudEventHeaders.REQUIRED) {
            if (isBlank(headers.get(required))) {
                throw new InvalidEventException("missing header " + required);
            }
        }
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(headers.get(CloudEventHeaders.SPEC_VERSION))) {
            throw new InvalidEventException("header " + CloudEventHeaders.SPEC_VERSION + ": must be "
                    + CloudEventHeaders.SPEC_VERSION_1_0);
        }
        String ceType = headers.get(CloudEventHeaders.TYPE);
        EventType type = EventType.byCeType(ceType)
                .orElseThrow(() -> new InvalidEventException("header " + CloudEventHeaders.TYPE
                        + ": unknown event type '" + ceType + "'"));
        Instant time = parseTime(headers.get(CloudEventHeaders.TIME));
        Object data = decodePayload(type, payload, validate);
        String subject = headers.get(CloudEventHeaders.SUBJECT);
        if (!subject.equals(type.subjectOf(data))) {
            throw new InvalidEventException("header " + CloudEventHeaders.SUBJECT + ": '" + subject
                    + "' does not match the payload's id '" + type.subjectOf(data) + "'");
        }
        return new EventEnvelope<>(headers.get(CloudEventHeaders.ID), headers.get(CloudEventHeaders.SOURCE), type,
                time, subject, data);
    }

    /** Parses and validates a payload of a known type. */
    public Object decodePayload(EventType type, byte[] payload) {
        return decodePayload(type, payload, true);
    }

    private Object decodePayload(EventType type, byte[] payload, boolean validate) {
        if (payload == null || payload.length == 0) {
            throw new InvalidEventException("payload: empty");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (JacksonException e) {
            throw new InvalidEventException("payload: malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (validate) {
            requireValid(type, tree);
        } else {
            required.get(type).check(tree);
        }
        try {
            return mapper.treeToValue(tree, type.payloadType());
        } catch (JacksonException e) {
            throw new InvalidEventException("payload" + e.getPathReference() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("payload: " + e.getMessage(), e);
        }
    }

    private void requireValid(EventType type, JsonNode tree) {
        List<Error> errors = schemas.get(type).validate(tree);
        if (!errors.isEmpty()) {
            String violations = errors.stream()
                    .limit(MAX_REPORTED_VIOLATIONS)
                    .map(EventCodec::describe)
                    .collect(Collectors.joining("; "));
            throw new InvalidEventException("payload violates schema " + type.ceType() + ": " + violations);
        }
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        if (error.getProperty() != null && "required".equals(error.getKeyword())) {
            return location + "." + error.getProperty() + ": required property missing";
        }
        return location + ": " + error.getMessage();
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("header " + CloudEventHeaders.TIME + ": not an RFC 3339 UTC time: '"
                    + value + "'", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
