package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.feed.RawRecord;
import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.ProductKind;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ReviewOverdue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records as they would be on the topics, for the projection's tests: valid events, dead letters, junk. */
final class Records {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, java.time.ZoneOffset.UTC);
    private static final EventCodec CODEC = new EventCodec();
    private static final Recipient RECIPIENT = new Recipient("c-1", "c-1@billing.example", "en");
    private static final LocalizedText REASON = new LocalizedText("because", "因为");

    private final Map<String, Long> offsets = new HashMap<>();

    RawRecord order(String orderId, ProductKind kind) {
        return event(new BillingOrder(orderId, "c-1", "c-1@billing.example", "en", kind, BillingMode.SUBSCRIPTION,
                Money.of("3650.00", "CNY"), NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(355)), null, null, null));
    }

    RawRecord request(String refundId, String caseNumber, String orderId, Ground ground) {
        return event(new RefundRequested(refundId, caseNumber, orderId, "c-1", ground, RequestKind.REFUND, "broken",
                "en", List.of(new Evidence("fault.png", "image/png", 10, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")), NOW));
    }

    RawRecord approved(String refundId, String orderId, String amount, String currency) {
        return event(new RefundApproved(header(refundId, orderId, "rule", "OK"),
                Money.of(amount, currency)));
    }

    RawRecord rejected(String refundId, String orderId) {
        return event(new RefundRejected(header(refundId, orderId, "rule", "NO"), null));
    }

    RawRecord manualReview(String refundId, String orderId) {
        return event(new ManualReviewRequired(header(refundId, orderId, "rule", "CHECK"),
                Money.of("3550.00", "CNY")));
    }

    RawRecord reviewed(String refundId, String orderId, boolean approved, String amount, String currency) {
        return event(new RefundReviewed(header(refundId, orderId, "review", "REVIEWED"),
                approved, approved ? Money.of(amount, currency) : null, "ops-1", null, false));
    }

    /** A reviewer's approval of an exchange, carrying {@code amount} as a decision from before exchanges would. */
    RawRecord exchangeApproved(String refundId, String orderId, String amount, String currency) {
        return event(new RefundReviewed(
                header(refundId, orderId, "exchange.manual-review", RefundReviewed.EXCHANGE_APPROVED), true,
                Money.of(amount, currency), "ops-1", null, true));
    }

    RawRecord evidenceRequested(String refundId, String orderId) {
        return event(new EvidenceRequested(header(refundId, orderId, "rule", "EVIDENCE_REQUESTED"),
                "the usage records, please", NOW.plusSeconds(7 * 86_400), "ops-1"));
    }

    RawRecord evidenceAdded(String refundId, String orderId) {
        return event(new EvidenceAdded(refundId, null, orderId,
                List.of(new Evidence("usage.csv", "text/csv", 10, "d".repeat(64))), NOW));
    }

    RawRecord reviewOverdue(String refundId, String orderId) {
        return event(new ReviewOverdue(new DecisionHeader(refundId, null, orderId,
                new Recipient("refund-ops", "ops@example.com", "en"), NOW, "v1", "rule", "REVIEW_OVERDUE", REASON),
                NOW.minusSeconds(49 * 3600), NOW.minusSeconds(3600), "OPEN", null));
    }

    RawRecord opsNotifiedOfOverdue(String refundId) {
        return event(new RefundNotified(refundId, "evt-overdue", "io.refundflow.refund.review-overdue.v1",
                NotificationStatus.SENT, "EMAIL", NOW, null));
    }

    RawRecord notified(String refundId) {
        return event(new RefundNotified(refundId, "evt", "io.refundflow.refund.approved.v1", NotificationStatus.SENT,
                "EMAIL", NOW, null));
    }

    RawRecord event(Object payload) {
        EncodedEvent encoded = CODEC.encode(EventEnvelope.of("test", payload, CLOCK));
        return record(encoded.topic(), encoded.key(), encoded.headers(), encoded.payload());
    }

    /** The same record again at the next offset: a redelivery, as after an outbox relay crash. */
    RawRecord again(RawRecord record) {
        return new RawRecord(record.topic(), record.partition(), next(record.topic()), record.timestamp(),
                record.key(), record.headers(), record.value());
    }

    RawRecord junk(String topic, String key, String text) {
        return record(topic, key, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    RawRecord deadLetter(RawRecord original, String exceptionClass, String message) {
        List<RawRecord.Header> headers = new ArrayList<>(original.headers());
        headers.add(new RawRecord.Header("kafka_dlt-original-topic", original.topic()));
        headers.add(new RawRecord.Header("kafka_dlt-original-partition", String.valueOf(original.partition())));
        headers.add(new RawRecord.Header("kafka_dlt-original-offset", String.valueOf(original.offset())));
        headers.add(new RawRecord.Header("kafka_dlt-exception-fqcn", exceptionClass));
        headers.add(new RawRecord.Header("kafka_dlt-exception-message", message));
        String topic = original.topic() + ".DLT";
        return new RawRecord(topic, 0, next(topic), NOW.toEpochMilli(), original.key(), headers, original.value());
    }

    RawRecord withHeader(RawRecord record, String name, String value) {
        List<RawRecord.Header> headers = new ArrayList<>(record.headers());
        headers.add(new RawRecord.Header(name, value));
        return new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                headers, record.value());
    }

    RawRecord at(RawRecord record, Instant time) {
        return new RawRecord(record.topic(), record.partition(), record.offset(), time.toEpochMilli(), record.key(),
                record.headers(), record.value());
    }

    private RawRecord record(String topic, String key, Map<String, String> headers, byte[] value) {
        List<RawRecord.Header> list = new ArrayList<>();
        headers.forEach((name, v) -> list.add(new RawRecord.Header(name, v)));
        return new RawRecord(topic, 0, next(topic), NOW.toEpochMilli(), key, list, value);
    }

    private long next(String topic) {
        return offsets.merge(topic, 1L, Long::sum) - 1;
    }

    /** A decision without case number, to the sample customer, now, under policy v1. */
    private static DecisionHeader header(String refundId, String orderId, String ruleId, String reasonCode) {
        return new DecisionHeader(refundId, null, orderId, RECIPIENT, NOW, "v1", ruleId, reasonCode, REASON);
    }
}
