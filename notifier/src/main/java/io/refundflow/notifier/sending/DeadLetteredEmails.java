package io.refundflow.notifier.sending;

import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.Topics;
import io.refundflow.notifier.model.EmailDelivery;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event whose email could not be sent, as a dead letter on {@code <source topic>.DLT}: its own headers
 * and payload as they arrived, plus the {@code kafka_dlt-*} headers Spring Kafka's dead-lettering writes, so
 * that ops see and replay it like any other dead letter.
 */
final class DeadLetteredEmails {

    static final String DLT_ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String DLT_ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    static final String DLT_EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    static final String DLT_EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JsonMapper json;
    private final String consumerGroup;

    DeadLetteredEmails(JsonMapper json, String consumerGroup) {
        this.json = json;
        this.consumerGroup = consumerGroup;
    }

    /** @param cause why the email was given up, for people */
    EncodedEvent of(EmailDelivery delivery, Exception failure, String cause) {
        Map<String, String> headers = new LinkedHashMap<>(json.readValue(delivery.decisionHeaders(), HEADERS));
        headers.put(DLT_ORIGINAL_TOPIC, delivery.sourceTopic());
        headers.put(DLT_ORIGINAL_CONSUMER_GROUP, consumerGroup);
        headers.put(DLT_EXCEPTION_FQCN, failure.getClass().getName());
        headers.put(DLT_EXCEPTION_MESSAGE, cause);
        // keyed like the original (its subject: the refund id of a decision, the order id of a settlement)
        String key = headers.getOrDefault(CloudEventHeaders.SUBJECT, delivery.refundId());
        return new EncodedEvent(Topics.deadLetter(delivery.sourceTopic()), key, headers,
                delivery.decisionPayload().getBytes(StandardCharsets.UTF_8));
    }
}
