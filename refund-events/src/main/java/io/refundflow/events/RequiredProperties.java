package io.refundflow.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The properties an event's JSON Schema requires, at every depth (an approval's recipient needs an email, each
 * piece of evidence a checksum), read once from the schema. Checked on events read from in-house topics instead
 * of the whole schema: typing alone would turn a missing or null property into a null field, and a malformed
 * record must be dead-lettered at once rather than fail later in a listener. Patterns, lengths and ranges are the
 * schema's business and are checked where a writer is not ours.
 */
final class RequiredProperties {

    private static final RequiredProperties NONE = new RequiredProperties(List.of(), Map.of(), null);

    /** In the schema's order, so that a rejection names the first property missing, as the schema check does. */
    private final List<String> required;
    /** The requirements of a property's value when it is an object (or an array of objects). */
    private final Map<String, RequiredProperties> nested;
    /** The requirements of each element when the value is an array; null when none. */
    private final RequiredProperties items;

    private RequiredProperties(List<String> required, Map<String, RequiredProperties> nested,
            RequiredProperties items) {
        this.required = required;
        this.nested = nested;
        this.items = items;
    }

    /**
     * Reads the requirements of a whole schema document, following its {@code $ref}s: within the document, and to
     * the other schema files it names (the decisions' shared {@code decision-header.schema.json}), read through
     * {@code documents} by file name.
     */
    static RequiredProperties of(JsonNode schema, Function<String, JsonNode> documents) {
        return of(List.of(new Part(schema, schema)), documents);
    }

    /** A schema and the document its local {@code $ref}s point into. */
    private record Part(JsonNode schema, JsonNode document) {
    }

    /** What a value must hold to satisfy all of {@code schemas}. */
    private static RequiredProperties of(List<Part> schemas, Function<String, JsonNode> documents) {
        List<Part> parts = new ArrayList<>();
        schemas.forEach(schema -> collect(schema.schema(), schema.document(), documents, parts));
        Set<String> required = new LinkedHashSet<>();
        Map<String, List<Part>> properties = new LinkedHashMap<>();
        List<Part> itemSchemas = new ArrayList<>();
        for (Part part : parts) {
            part.schema().path("required").forEach(name -> required.add(name.asString()));
            part.schema().path("properties").properties().forEach(p -> properties
                    .computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(new Part(p.getValue(), part.document())));
            if (part.schema().has("items")) {
                itemSchemas.add(new Part(part.schema().get("items"), part.document()));
            }
        }
        Map<String, RequiredProperties> nested = new LinkedHashMap<>();
        properties.forEach((name, alternatives) -> {
            RequiredProperties inner = of(alternatives, documents);
            if (inner != NONE) {
                nested.put(name, inner);
            }
        });
        RequiredProperties items = itemSchemas.isEmpty() ? null : of(itemSchemas, documents);
        if (required.isEmpty() && nested.isEmpty() && (items == null || items == NONE)) {
            return NONE;
        }
        return new RequiredProperties(List.copyOf(required), Collections.unmodifiableMap(nested), items == NONE ? null : items);
    }

    /** The schema and everything it is made of ($ref, allOf, and each alternative of oneOf / anyOf). */
    private static void collect(JsonNode schema, JsonNode document, Function<String, JsonNode> documents,
            List<Part> into) {
        if (!schema.isObject()) {
            return;
        }
        // what the schema references first: a decision's header fields come before its own, as on the wire
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            int fragment = ref.indexOf('#');
            String file = fragment < 0 ? ref : ref.substring(0, fragment);
            JsonNode target = file.isEmpty() ? document : documents.apply(file);
            collect(target.at(fragment < 0 ? "" : ref.substring(fragment + 1)), target, documents, into);
        }
        into.add(new Part(schema, document));
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            schema.path(combinator).forEach(part -> collect(part, document, documents, into));
        }
    }

    /** @throws InvalidEventException naming the first required property that is missing or null */
    void check(JsonNode payload) {
        check(payload, "$");
    }

    private void check(JsonNode value, String location) {
        if (value.isArray()) {
            if (items != null) {
                for (int i = 0; i < value.size(); i++) {
                    items.check(value.get(i), location + "[" + i + "]");
                }
            }
            return;
        }
        if (!value.isObject()) {
            if (!required.isEmpty()) {
                throw new InvalidEventException("payload " + location + ": must be an object");
            }
            return;
        }
        for (String name : required) {
            JsonNode property = value.get(name);
            if (property == null || property.isNull()) {
                throw new InvalidEventException("payload " + location + "." + name
                        + ": required property missing");
            }
        }
        nested.forEach((name, inner) -> {
            JsonNode property = value.get(name);
            if (property != null && !property.isNull()) {
                inner.check(property, location + "." + name);
            }
        });
    }
}
