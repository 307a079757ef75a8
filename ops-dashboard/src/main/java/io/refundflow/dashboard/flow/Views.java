package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.feed.RawRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes the page receives: one snapshot of the projection, and one refund's trail. */
public final class Views {

    private Views() {
    }

    /** Everything the live page shows, as of {@code at}. */
    public record Snapshot(Instant at, long version, List<Step> steps, long awaitingManualReview,
            long notificationsFailed, List<MixRow> decisionMix, List<Amount> approvedAmounts, List<Refund> refunds,
            List<TopicEvents> topics, List<DeadLetterTopic> deadLetters, List<GroupLag> consumerLag,
            List<Minute> lastHour, ReviewAge reviewAge) {
    }

    /** One minute of the last hour: requests, decisions by outcome and emails sent in it. */
    public record Minute(Instant start, long requests, long approved, long rejected, long manualReview,
            long reviewApproved, long reviewRejected, long emails) {
    }

    /**
     * The refunds waiting in manual review and how long they have waited.
     *
     * @param oldestSeconds how long the longest-waiting one has waited
     */
    public record ReviewAge(long waiting, long oldestSeconds, List<AgeBucket> buckets) {
    }

    /** How many reviews have waited this long. */
    public record AgeBucket(String label, long count) {
    }

    /** One step of the process: how many refunds passed it, and how many per minute over the rate window. */
    public record Step(String name, String label, long count, double perMinute) {
    }

    /** Decisions for one product kind and ground. */
    public record MixRow(String productKind, String ground, long approved, long rejected, long manualReview,
            long reviewApproved, long reviewRejected) {
    }

    /** Refunds approved in one currency (automatic and reviewed approvals), exact. */
    public record Amount(String currency, String amount, long approvals) {
    }

    /** One refund in the flow, newest activity first. */
    public record Refund(String refundId, String caseNumber, String orderId, String productKind, String ground,
            String stage, String outcome, String amount, boolean deadLettered, Instant updatedAt) {
    }

    public record TopicEvents(String topic, long total, List<Event> latest) {
    }

    /** One record as it is on its topic, with every header (CloudEvents attributes among them). */
    public record Event(String topic, int partition, long offset, String key, Instant timestamp,
            List<RawRecord.Header> headers, String payload, int payloadBytes) {
    }

    public record DeadLetterTopic(String topic, long total, List<DeadLetter> items) {
    }

    /**
     * A dead letter with its cause (Spring Kafka's {@code kafka_dlt-*} headers) and, once replayed, where to.
     *
     * @param id the dead letter's position, {@code <dlt topic>@<partition>:<offset>}
     */
    public record DeadLetter(String id, String topic, int partition, long offset, String key, Instant timestamp,
            String originalTopic, String originalPosition, String exceptionClass, String exceptionMessage,
            List<RawRecord.Header> headers, String payload, int payloadBytes, Replay replay) {
    }

    /** A replay of a dead letter: when, to which position of the source topic, by whom (when known). */
    public record Replay(Instant at, String target, String by) {
    }

    /** Lag of one service's consumer group: records on its topics it has not processed yet. */
    public record GroupLag(String group, String state, int members, Long lag, List<PartitionLag> topics,
            String error) {
    }

    public record PartitionLag(String topic, long lag) {
    }

    /** Every event of one refund across the topics, in order. */
    public record Trail(String refundId, String caseNumber, List<TrailEntry> events) {
    }

    public record TrailEntry(String topic, int partition, long offset, Instant timestamp, String type, String id,
            String summary, Map<String, String> headers, String payload) {
    }
}
