package io.refundflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EventType;
import io.refundflow.events.TopicSpec;
import io.refundflow.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docs/asyncapi.yaml} is a valid AsyncAPI 3.0 document and says what the code does: a channel per topic
 * constant of {@link Topics} and per its dead-letter topic, with the settings {@link TopicSpec} creates it with, a
 * message per {@link EventType} on its topic with its schema file, the CloudEvents headers every event carries,
 * and operations matching the broker's ACLs (kafka-acls.txt).
 */
class AsyncApiDocumentTest {

    static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    static final Path SCHEMAS = Path.of("..", "refund-events", "src", "main", "resources", "schemas");
    static final Path ACLS = Path.of("..", "refund-launcher", "src", "main", "resources", "kafka-acls.txt");

    static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException {
        document = YAMLMapper.builder().build().readTree(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
    }

    @Test
    void theDocumentIsValidAgainstTheAsyncApi30Schema() throws IOException {
        assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
        try (InputStream in = getClass().getResourceAsStream("/asyncapi-3.0.0.schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
            List<Error> errors = schema.validate(document);
            assertThat(errors).as("AsyncAPI 3.0.0 schema violations of docs/asyncapi.yaml").isEmpty();
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        references(document).forEach(ref -> {
            if (ref.startsWith("#/")) {
                if (document.at(ref.substring(1)).isMissingNode()) {
                    broken.add(ref);
                }
            } else if (!Files.isRegularFile(DOCUMENT.getParent().resolve(ref))) {
                broken.add(ref);
            }
        });
        assertThat(broken).as("$refs of docs/asyncapi.yaml that point nowhere").isEmpty();
    }

    /**
     * Read from the {@link Topics} class itself, so a topic added there must be documented (and created, through
     * {@link TopicSpec}) before the build passes.
     */
    @Test
    void everyTopicConstantHasItsChannelAndItsDeadLetterChannelWithTheirSettings() {
        List<String> topics = topicConstants();
        assertThat(topics).as("topic constants of Topics").isNotEmpty();
        Map<String, TopicSpec> specs = TopicSpec.all().stream()
                .collect(Collectors.toMap(TopicSpec::name, spec -> spec));
        List<String> expected = new ArrayList<>();
        for (String name : topics) {
            for (String address : List.of(name, Topics.deadLetter(name))) {
                expected.add(address);
                assertThat(specs).as("TopicSpec.all() creates %s", address).containsKey(address);
                JsonNode channel = channel(address);
                assertThat(channel).as("channel with address %s", address).isNotNull();
                JsonNode kafka = channel.path("bindings").path("kafka");
                assertThat(kafka.path("partitions").asInt()).as("partitions of %s", address).isPositive();
                specs.get(address).configs().forEach((key, value) -> {
                    JsonNode documented = kafka.path("topicConfiguration").path(key);
                    String text = documented.isArray() ? documented.get(0).asString() : documented.asString();
                    assertThat(text).as("%s of %s", key, address).isEqualTo(value);
                });
            }
        }
        assertThat(channelAddresses()).as("channels of docs/asyncapi.yaml vs the topics of Topics")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyEventTypeHasItsMessageOnItsTopicWithItsSchema() {
        List<String> topics = topicConstants();
        for (EventType type : EventType.values()) {
            JsonNode message = message(type);
            assertThat(message).as("message with x-refundflow-event-type %s", type).isNotNull();
            assertThat(message.path("headers").toString()).as("ce_type of %s", type).contains(type.ceType());
            assertThat(message.path("payload").path("schema").path("$ref").asString())
                    .as("payload schema of %s", type).endsWith(type.schemaResource());
            topics.forEach(topic -> assertThat(channel(topic).path("messages").has(message.path("name").asString()))
                    .as("%s documented on %s", type, topic).isEqualTo(type.travelsOn(topic)));
        }
    }

    @Test
    void everySchemaFileIsReferenced() throws IOException {
        Set<String> referenced = references(document).stream().filter(ref -> ref.endsWith(".schema.json"))
                .map(ref -> Path.of(ref).getFileName().toString()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            assertThat(referenced).containsAll(files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void everyEventCarriesTheCloudEventsHeaders() {
        JsonNode headers = document.at("/components/schemas/CloudEventHeaders");
        for (String name : CloudEventHeaders.REQUIRED) {
            assertThat(headers.path("properties").has(name)).as("header %s", name).isTrue();
            assertThat(headers.path("required").toString()).as("%s required", name).contains('"' + name + '"');
        }
        assertThat(headers.path("properties").has(CloudEventHeaders.CONTENT_TYPE)).isTrue();
        assertThat(document.at("/components/schemas/DeadLetterHeaders/required").toString())
                .contains("kafka_dlt-exception-message", "kafka_dlt-original-topic");
    }

    /** Each documented send is a WRITE the broker allows its principal, each receive a READ. */
    @Test
    void everyOperationIsAllowedByTheBrokersAcls() throws IOException {
        Set<String> allowed = Files.readAllLines(ACLS).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .filter(rule -> rule[2].equals("TOPIC"))
                .map(rule -> rule[0] + " " + rule[1] + " " + rule[4])
                .collect(Collectors.toSet());
        Set<String> denied = new TreeSet<>();
        document.path("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            String principal = document.at(operation.path("tags").get(0).path("$ref").asString().substring(1))
                    .path("name").asString();
            String topic = document.at(operation.path("channel").path("$ref").asString().substring(1))
                    .path("address").asString();
            String acl = principal + " " + ("send".equals(operation.path("action").asString()) ? "WRITE" : "READ");
            if (!allowed.contains(acl + " " + topic) && !allowed.contains(acl + " *")) {
                denied.add(entry.getKey() + " (" + acl + " " + topic + ")");
            }
        });
        assertThat(denied).as("operations the ACLs do not allow").isEmpty();
    }

    /** The topic names {@link Topics} declares: its public String constants, but for the dead-letter suffix. */
    static List<String> topicConstants() {
        List<String> topics = new ArrayList<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                    && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (!Topics.DEAD_LETTER_SUFFIX.equals(value)) {
                        topics.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(field.getName(), e);
                }
            }
        }
        return topics;
    }

    private static JsonNode channel(String address) {
        for (Map.Entry<String, JsonNode> entry : document.path("channels").properties()) {
            if (address.equals(entry.getValue().path("address").asString())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static List<String> channelAddresses() {
        List<String> addresses = new ArrayList<>();
        document.path("channels").properties().forEach(entry -> addresses.add(entry.getValue().path("address").asString()));
        return addresses;
    }

    private static JsonNode message(EventType type) {
        for (Map.Entry<String, JsonNode> entry : document.path("components").path("messages").properties()) {
            if (type.name().equals(entry.getValue().path("x-refundflow-event-type").asString())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static List<String> references(JsonNode node) {
        List<String> refs = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if ("$ref".equals(entry.getKey()) && entry.getValue().isString()) {
                    refs.add(entry.getValue().asString());
                } else {
                    refs.addAll(references(entry.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> refs.addAll(references(child)));
        }
        return refs;
    }
}
