package io.refundflow.faults;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Money;
import io.refundflow.events.Topics;
import io.refundflow.launcher.DemoBilling;
import io.refundflow.launcher.KafkaAccess;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hostile and malformed records for every topic: bad JSON, wrong schema, a 900 KB payload, an unknown
 * CloudEvents type, a type that belongs on another topic, a subject that is not the payload's id, missing
 * headers. Each is keyed by a unique marker, which the dead letter keeps. And valid events delivered twice
 * with the same event id (and a refund requested twice under two event ids), which must have one effect.
 */
final class HostileEvents {

    static final List<String> TOPICS = List.of(Topics.PARTNER_REQUESTS, Topics.DECISIONS, Topics.NOTIFICATIONS,
            Topics.BILLING_ORDERS);
    static final int HUGE_BYTES = 900 * 1024;

    /** One malformed record that must end up on its topic's dead-letter topic. */
    record Malformed(String topic, String kind, String marker, int bytes) {
    }

    /** A valid record delivered twice; {@code refundId} is what the suite checks for exactly one effect. */
    record Duplicate(String topic, String kind, String refundId) {
    }

    private final String run;
    private final Clock clock = Clock.systemUTC();
    final List<Malformed> malformed = new ArrayList<>();
    final List<Duplicate> duplicates = new ArrayList<>();
    private final List<RefundStream.OrderRef> spareOrders = new ArrayList<>();

    HostileEvents(String run) {
        this.run = run;
    }

    /** Billing orders for the duplicate-delivery requests; published with the stream's, before start-up. */
    void publishOrders(EventPublisher publisher) {
        for (int i = 0; i < 3; i++) {
            String orderId = "fo-dup-" + run + "-" + i;
            String customer = "fc-" + run + "-dup";
            publisher.publish(EventEnvelope.of(DemoBilling.SOURCE,
                    Scenario.SAAS_INSIDE_GUARANTEE.order(orderId, customer, clock.instant()), clock));
            spareOrders.add(new RefundStream.OrderRef(orderId, customer, Scenario.SAAS_INSIDE_GUARANTEE));
        }
    }

    void publishAll(EventPublisher publisher, Ledger ledger) {
        for (String topic : TOPICS) {
            publishMalformed(publisher, topic);
        }
        publishDuplicates(publisher, ledger);
    }

    private void publishMalformed(EventPublisher publisher, String topic) {
        String ceType = ceTypeOf(topic);
        String idField = topic.equals(Topics.BILLING_ORDERS) ? "orderId" : "refundId";

        String marker = marker(topic, "bad-json");
        send(publisher, topic, "bad-json", marker, headers(ceType, marker),
                ("{\"" + idField + "\":\"" + marker + "\", \"oops\": [1, 2,").getBytes(StandardCharsets.UTF_8));

        marker = marker(topic, "wrong-schema");
        send(publisher, topic, "wrong-schema", marker, headers(ceType, marker),
                ("{\"" + idField + "\":\"" + marker + "\",\"ground\":\"FREE_MONEY\",\"productKind\":\"SPACESHIP\","
                        + "\"status\":\"MAYBE\",\"paidAmount\":1e308,\"submittedAt\":\"yesterday\"}")
                        .getBytes(StandardCharsets.UTF_8));

        marker = marker(topic, "huge-payload");
        StringBuilder huge = new StringBuilder(HUGE_BYTES + 200);
        huge.append("{\"").append(idField).append("\":\"").append(marker).append("\",\"description\":\"");
        while (huge.length() < HUGE_BYTES) {
            huge.append("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        }
        huge.append("\"}");
        send(publisher, topic, "huge-payload", marker, headers(ceType, marker),
                huge.toString().getBytes(StandardCharsets.UTF_8));

        marker = marker(topic, "unknown-type");
        Map<String, String> unknown = headers("io.refundflow.refund.free-money.v1", marker);
        send(publisher, topic, "unknown-type", marker, unknown,
                ("{\"" + idField + "\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));

        marker = marker(topic, "missing-headers");
        send(publisher, topic, "missing-headers", marker, Map.of("content-type", "application/json"),
                ("{\"" + idField + "\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));

        marker = marker(topic, "missing-ce-id");
        Map<String, String> noId = headers(ceType, marker);
        noId.remove(CloudEventHeaders.ID);
        EncodedEvent valid = validEventFor(topic, marker);
        send(publisher, topic, "missing-ce-id", marker, noId, valid.payload());

        marker = marker(topic, "wrong-topic-type");
        String otherTopic = topic.equals(Topics.PARTNER_REQUESTS) ? Topics.DECISIONS : Topics.PARTNER_REQUESTS;
        EncodedEvent other = validEventFor(otherTopic, marker);
        send(publisher, topic, "wrong-topic-type", marker, other.headers(), other.payload());

        marker = marker(topic, "subject-mismatch");
        EncodedEvent mismatched = validEventFor(topic, marker + "-payload");
        Map<String, String> lying = new LinkedHashMap<>(mismatched.headers());
        lying.put(CloudEventHeaders.SUBJECT, marker);
        send(publisher, topic, "subject-mismatch", marker, lying, mismatched.payload());
    }

    private void publishDuplicates(EventPublisher publisher, Ledger ledger) {
        // refund.requests.partner: the same event twice (same ce_id) -> one case, one decision, one email
        RefundStream.OrderRef first = spareOrders.get(0);
        String refundId = "fx-" + run + "-dup-same-id";
        EncodedEvent request = publisher.codec.encode(EventEnvelope.of(KafkaAccess.PARTNER, new RefundRequested(refundId,
                null, first.orderId(), first.customerId(), first.scenario().ground, first.scenario().kind,
                "sent twice", "en", List.of(), clock.instant().truncatedTo(ChronoUnit.MILLIS)), clock));
        publisher.publishRaw(Topics.PARTNER_REQUESTS, request.key(), request.headers(), request.payload());
        publisher.publishRaw(Topics.PARTNER_REQUESTS, request.key(), request.headers(), request.payload());
        ledger.accepted(refundId, "kafka-duplicate", first.scenario(), first.customerId());
        duplicates.add(new Duplicate(Topics.PARTNER_REQUESTS, "same ce_id twice", refundId));

        // refund.requests.partner: the same refund under two event ids -> still one case, decision and email
        RefundStream.OrderRef second = spareOrders.get(1);
        String refundId2 = "fx-" + run + "-dup-two-ids";
        RefundRequested again = new RefundRequested(refundId2, null, second.orderId(), second.customerId(),
                second.scenario().ground, second.scenario().kind, "sent twice, new id", "en", List.of(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        publisher.publishAsPartner(EventEnvelope.of(KafkaAccess.PARTNER, again, clock));
        publisher.publishAsPartner(EventEnvelope.of(KafkaAccess.PARTNER, again, clock));
        ledger.accepted(refundId2, "kafka-duplicate", second.scenario(), second.customerId());
        duplicates.add(new Duplicate(Topics.PARTNER_REQUESTS, "same refund id, two ce_ids", refundId2));

        // refund.decisions: the evaluator's decision delivered twice (same ce_id) -> the notifier emails once
        String decided = "fd-" + run + "-dup-decision";
        EncodedEvent decision = publisher.codec.encode(EventEnvelope.of("policy-evaluator",
                rejected(decided, spareOrders.get(2)), clock));
        publisher.publishRaw(decision.topic(), decision.key(), decision.headers(), decision.payload());
        publisher.publishRaw(decision.topic(), decision.key(), decision.headers(), decision.payload());
        duplicates.add(new Duplicate(Topics.DECISIONS, "same ce_id twice", decided));

        // refund.notifications and billing.orders: twice with the same ce_id -> harmless
        EncodedEvent notified = publisher.codec.encode(EventEnvelope.of("faults-partner", new RefundNotified(
                "fn-" + run + "-dup", UUID.randomUUID().toString(), "io.refundflow.refund.rejected.v1",
                NotificationStatus.SENT, "EMAIL", clock.instant(), null), clock));
        publisher.publishRaw(notified.topic(), notified.key(), notified.headers(), notified.payload());
        publisher.publishRaw(notified.topic(), notified.key(), notified.headers(), notified.payload());
        duplicates.add(new Duplicate(Topics.NOTIFICATIONS, "same ce_id twice", "fn-" + run + "-dup"));
        EncodedEvent order = publisher.codec.encode(EventEnvelope.of(DemoBilling.SOURCE,
                Scenario.SAAS_GUARANTEE_OVER.order("fo-" + run + "-dup-order", "fc-" + run + "-dup", clock.instant()),
                clock));
        publisher.publishRaw(order.topic(), order.key(), order.headers(), order.payload());
        publisher.publishRaw(order.topic(), order.key(), order.headers(), order.payload());
        duplicates.add(new Duplicate(Topics.BILLING_ORDERS, "same ce_id twice", "fo-" + run + "-dup-order"));
    }

    /** A rejection as the evaluator would publish it: to the customer billing holds for the order. */
    private RefundRejected rejected(String refundId, RefundStream.OrderRef order) {
        return new RefundRejected(new DecisionHeader(refundId, null, order.orderId(),
                new Recipient(order.customerId(), order.customerId() + "@faults.test", "en"),
                clock.instant(), "2026.11-1", "faults.duplicate", "NOT_REFUNDABLE",
                new LocalizedText("duplicate delivery test", "重复投递测试")), null);
    }

    /** A well-formed event that belongs on {@code topic}, with {@code id} as its key and subject. */
    private EncodedEvent validEventFor(String topic, String id) {
        var codec = new io.refundflow.events.EventCodec();
        Instant now = clock.instant();
        Object payload;
        if (topic.equals(Topics.PARTNER_REQUESTS)) {
            payload = new RefundRequested(id, null, "fo-" + run + "-none", "fc-" + run + "-x",
                    io.refundflow.events.Ground.UNSATISFIED, io.refundflow.events.RequestKind.REFUND, "hostile", "en",
                    List.of(), now);
        } else if (topic.equals(Topics.DECISIONS)) {
            payload = new RefundApproved(new DecisionHeader(id, null, "fo-" + run + "-none",
                    new Recipient("fc-" + run + "-x", "victim@faults.test", "en"), now, "2026.11-1", "faults",
                    "GUARANTEE_FULL_REFUND", new LocalizedText("x", "x")), Money.of("1.00", "CNY"));
        } else if (topic.equals(Topics.NOTIFICATIONS)) {
            payload = new RefundNotified(id, UUID.randomUUID().toString(), "io.refundflow.refund.approved.v1",
                    NotificationStatus.SENT, "EMAIL", now, null);
        } else {
            BillingOrder order = Scenario.SAAS_INSIDE_GUARANTEE.order(id, "fc-" + run + "-x", now);
            payload = order;
        }
        return codec.encode(EventEnvelope.of("faults-hostile", payload, clock));
    }

    private void send(EventPublisher publisher, String topic, String kind, String marker, Map<String, String> headers,
            byte[] payload) {
        publisher.publishRaw(topic, marker, headers, payload);
        malformed.add(new Malformed(topic, kind, marker, payload.length));
    }

    /** Unique per topic and kind, and short enough to be a refund id (at most 64 characters). */
    private String marker(String topic, String kind) {
        return "hostile-" + run + "-" + topic.substring(topic.indexOf('.') + 1).replace('.', '-') + "-" + kind;
    }

    private Map<String, String> headers(String ceType, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.SOURCE, "faults-hostile");
        headers.put(CloudEventHeaders.TYPE, ceType);
        headers.put(CloudEventHeaders.TIME, clock.instant().toString());
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        return headers;
    }

    private static String ceTypeOf(String topic) {
        if (topic.equals(Topics.PARTNER_REQUESTS)) {
            return "io.refundflow.refund.requested.v1";
        }
        if (topic.equals(Topics.DECISIONS)) {
            return "io.refundflow.refund.approved.v1";
        }
        if (topic.equals(Topics.NOTIFICATIONS)) {
            return "io.refundflow.refund.notified.v1";
        }
        return "io.refundflow.billing.order.v1";
    }
}
