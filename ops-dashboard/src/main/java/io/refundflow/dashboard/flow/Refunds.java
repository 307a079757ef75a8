package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.flow.Views.Trail;
import io.refundflow.dashboard.flow.Views.TrailEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The refunds seen lately ({@code max-refunds}, least recently changed forgotten first), each found by its id or
 * its case number. Not thread-safe: the flow projection's lock guards it.
 */
final class Refunds {

    /** Refunds the snapshot lists, most recently changed first. */
    static final int RECENT = 30;

    private final int eventsPerRefund;
    private final Map<String, RefundState> byId;
    private final Map<String, String> idByCase = new HashMap<>();

    Refunds(DashboardProperties settings) {
        this.eventsPerRefund = settings.eventsPerRefund();
        this.byId = Bounded.lru(settings.maxRefunds(), evicted -> {
            String caseNumber = evicted.getValue().caseNumber;
            if (caseNumber != null) {
                idByCase.remove(caseNumber.toUpperCase(Locale.ROOT));
            }
        });
    }

    /** The refund, created when first seen, marked as changed at {@code sequence} by a record of that time. */
    RefundState changed(String refundId, long epochMilli, long sequence) {
        RefundState refund = byId.get(refundId);
        if (refund == null) {
            refund = new RefundState(refundId);
            byId.put(refundId, refund);
        }
        refund.sequence = sequence;
        refund.updatedAt = Instant.ofEpochMilli(epochMilli);
        return refund;
    }

    void addToTrail(RefundState refund, TrailEntry entry) {
        refund.add(entry, eventsPerRefund);
    }

    /** Gives a refund its case number, by which ops find it too (in any letter case). */
    void caseNumber(RefundState refund, String caseNumber) {
        refund.caseNumber = caseNumber;
        idByCase.put(caseNumber.toUpperCase(Locale.ROOT), refund.refundId);
    }

    /** The refund with this id or case number, with every event of it across the topics, in order. */
    Optional<Trail> trail(String refundIdOrCaseNumber) {
        String query = refundIdOrCaseNumber == null ? "" : refundIdOrCaseNumber.trim();
        RefundState refund = byId.get(query);
        if (refund == null) {
            String byCase = idByCase.get(query.toUpperCase(Locale.ROOT));
            refund = byCase == null ? null : byId.get(byCase);
        }
        if (refund == null) {
            return Optional.empty();
        }
        List<TrailEntry> entries = new ArrayList<>(refund.trail);
        entries.sort(Comparator.comparing(TrailEntry::timestamp)
                .thenComparing(e -> topicRank(e.topic()))
                .thenComparing(TrailEntry::offset));
        return Optional.of(new Trail(refund.refundId, refund.caseNumber, entries));
    }

    /** The {@link #RECENT} most recently changed refunds, newest first. */
    List<RefundState> recent() {
        return byId.values().stream()
                .sorted(Comparator.comparingLong((RefundState r) -> r.sequence).reversed())
                .limit(RECENT)
                .toList();
    }

    /** Events of one instant in the order of the process: request, decision, notification, anything else. */
    private static int topicRank(String topic) {
        int rank = FlowProjection.FLOW_TOPICS.indexOf(topic);
        return rank < 0 ? FlowProjection.FLOW_TOPICS.size() : rank;
    }
}
