package io.refundflow.dashboard.flow;

import static io.refundflow.dashboard.flow.RecordText.text;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.feed.FirstProjection;
import io.refundflow.dashboard.feed.RawRecord;
import io.refundflow.dashboard.flow.Views.DeadLetter;
import io.refundflow.dashboard.flow.Views.Event;
import io.refundflow.dashboard.flow.Views.GroupLag;
import io.refundflow.dashboard.flow.Views.Refund;
import io.refundflow.dashboard.flow.Views.Replay;
import io.refundflow.dashboard.flow.Views.Snapshot;
import io.refundflow.dashboard.flow.Views.Trail;
import io.refundflow.dashboard.flow.Views.TrailEntry;
import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EventType;
import io.refundflow.events.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the dashboard knows, built only from the records on the topics: the flow through the four steps
 * ({@link StepFlow}), the decision mix ({@link DecisionMix}), approved amounts ({@link ApprovedAmounts}), the
 * latest events per topic ({@link TopicActivity}), dead letters ({@link DeadLetters}), each refund's trail
 * ({@link Refunds}), the last hour minute by minute ({@link LastHour}) and the review queue's age
 * ({@link ReviewQueueAge}). This class reads each record once, keeps the trails and dead letters and hands each
 * refund event's first delivery to {@link RefundCounts}, which keeps the counts behind the charts; its lock guards
 * them all.
 *
 * <p>In memory and bounded ({@link DashboardProperties}): on start it is rebuilt by reading the topics from
 * the beginning. Applying a record twice (a rebalance re-delivers it) changes nothing: records at or below
 * a partition's last applied offset are skipped, and an event id seen before counts once. Thread-safe.
 */
public class FlowProjection implements FirstProjection {

    /** Header a replayed dead letter carries on its source topic: the dead letter's position. */
    public static final String REPLAYED_FROM = "refund_replayed_from";
    static final String UNKNOWN = "UNKNOWN";

    /** The topics of a refund's way through the process, in its order. */
    static final List<String> FLOW_TOPICS = List.of(Topics.REQUESTS, Topics.DECISIONS, Topics.NOTIFICATIONS);

    private final Clock clock;
    private final RecordText records;

    private final Map<String, Long> appliedOffsets = new HashMap<>();
    private final Map<String, Boolean> seenEventIds;
    private final Map<String, String> productKindByOrder;
    private final Refunds refunds;
    private final RefundCounts counts;
    private final TopicActivity topics;
    private final DeadLetters deadLetters;
    private long version;

    public FlowProjection(DashboardProperties settings, Clock clock) {
        this.clock = clock;
        this.records = new RecordText(settings.maxPayloadChars());
        this.seenEventIds = Bounded.lru(settings.maxRefunds() * 10);
        this.productKindByOrder = Bounded.lru(settings.maxOrders());
        this.refunds = new Refunds(settings);
        this.deadLetters = new DeadLetters(settings);
        this.counts = new RefundCounts(settings, refunds, this::productKindOf);
        this.topics = new TopicActivity(settings.topics(), settings.eventsPerTopic());
    }

    @Override
    public synchronized boolean apply(RawRecord record) {
        String partitionKey = record.topic() + "-" + record.partition();
        Long applied = appliedOffsets.get(partitionKey);
        if (applied != null && record.offset() <= applied) {
            return false;
        }
        appliedOffsets.put(partitionKey, record.offset());
        version++;
        Event event = records.event(record);
        topics.add(event);
        if (DashboardProperties.isDeadLetterTopic(record.topic())) {
            deadLetter(record, event);
            return true;
        }
        String replayedFrom = record.header(REPLAYED_FROM);
        if (replayedFrom != null) {
            markReplayed(replayedFrom, new Replay(Instant.ofEpochMilli(record.timestamp()), record.position(), null));
        }
        Map<String, String> ce = record.lastHeaders();
        String eventId = ce.get(CloudEventHeaders.ID);
        boolean firstDelivery = eventId == null || seenEventIds.put(eventId, Boolean.TRUE) == null;
        JsonNode payload = records.parse(record.value());
        Optional<EventType> type = Optional.ofNullable(ce.get(CloudEventHeaders.TYPE)).flatMap(EventType::byCeType);
        if (Topics.BILLING_ORDERS.equals(record.topic())) {
            String orderId = text(payload, "orderId");
            String kind = text(payload, "productKind");
            if (orderId != null && kind != null) {
                productKindByOrder.put(orderId, kind);
            }
            return true;
        }
        if (!FLOW_TOPICS.contains(record.topic())) {
            return true;
        }
        String refundId = record.key() != null ? record.key() : text(payload, "refundId");
        if (refundId == null) {
            return true;
        }
        RefundState refund = refunds.changed(refundId, record.timestamp(), version);
        refunds.addToTrail(refund, trailEntry(record, event,
                type.map(EventType::ceType).orElse(ce.get(CloudEventHeaders.TYPE)), eventId,
                EventSummaries.of(type.orElse(null), payload)));
        if (!firstDelivery || payload == null || type.isEmpty()) {
            return true;
        }
        long at = record.timestamp();
        switch (type.get()) {
            case REFUND_REQUESTED -> counts.requested(refund, payload, at);
            case REFUND_APPROVED, REFUND_REJECTED, MANUAL_REVIEW_REQUIRED, REFUND_REVIEWED ->
                    counts.decided(refund, type.get(), payload, at);
            case REFUND_NOTIFIED -> counts.notified(refund, payload, at);
            // the review waits for the customer's files, then for a reviewer again: no decision to count
            case EVIDENCE_REQUESTED -> refund.stage = "awaiting evidence";
            case EVIDENCE_ADDED -> refund.stage = "awaiting review";
            default -> {
            }
        }
        return true;
    }

    @Override
    public synchronized Optional<Long> lastApplied(String topic, int partition) {
        return Optional.ofNullable(appliedOffsets.get(topic + "-" + partition));
    }

    /** Records that a dead letter was replayed (by the replay action, or seen arriving on its source topic). */
    public synchronized void markReplayed(String deadLetterId, Replay replay) {
        deadLetters.markReplayed(deadLetterId, replay);
        version++;
    }

    public synchronized Optional<DeadLetter> deadLetter(String id) {
        return deadLetters.find(id);
    }

    /** The dead letters of one dead-letter topic not replayed yet, oldest first. */
    public synchronized List<DeadLetter> unreplayed(String deadLetterTopic) {
        return deadLetters.unreplayed(deadLetterTopic);
    }

    public synchronized long version() {
        return version;
    }

    /** The refund with this id or case number, with every event of it across the topics, in order. */
    public synchronized Optional<Trail> trail(String refundIdOrCaseNumber) {
        return refunds.trail(refundIdOrCaseNumber);
    }

    public synchronized Snapshot snapshot(List<GroupLag> lag) {
        long now = clock.millis();
        List<Refund> recent = refunds.recent().stream().map(this::refundView).toList();
        return new Snapshot(Instant.ofEpochMilli(now), version, counts.steps(now), counts.openReviews(),
                counts.notificationsFailed(), counts.mix(), counts.approvedAmounts(), recent, topics.topics(),
                deadLetters.topics(topics.totals()), lag, counts.lastHour(now), counts.reviewAge(now));
    }

    private void deadLetter(RawRecord record, Event event) {
        DeadLetter letter = deadLetters.add(record, event);
        if (record.key() != null && !record.key().isBlank()) {
            RefundState refund = refunds.changed(record.key(), record.timestamp(), version);
            refund.deadLettered = true;
            refunds.addToTrail(refund, trailEntry(record, event, "dead letter",
                    record.lastHeaders().get(CloudEventHeaders.ID),
                    "dead-lettered from " + letter.originalTopic() + ": " + letter.exceptionMessage()));
        }
    }

    private Refund refundView(RefundState refund) {
        return new Refund(refund.refundId, refund.caseNumber, refund.orderId, productKindOf(refund),
                refund.ground == null ? UNKNOWN : refund.ground, refund.stage, refund.outcome, refund.amount,
                refund.deadLettered, refund.updatedAt);
    }

    private String productKindOf(RefundState refund) {
        String kind = refund.orderId == null ? null : productKindByOrder.get(refund.orderId);
        return kind == null ? UNKNOWN : kind;
    }

    private TrailEntry trailEntry(RawRecord record, Event event, String type, String id, String summary) {
        return new TrailEntry(record.topic(), record.partition(), record.offset(), event.timestamp(), type, id,
                summary, record.lastHeaders(), event.payload());
    }
}
