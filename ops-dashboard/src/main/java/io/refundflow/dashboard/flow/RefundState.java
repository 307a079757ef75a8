package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.flow.Views.TrailEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the topics told about one refund so far, and its trail (the newest events, in arrival order). */
final class RefundState {
    final String refundId;
    final List<TrailEntry> trail = new ArrayList<>();
    String caseNumber;
    String orderId;
    String ground;
    String stage = "seen";
    String outcome;
    String amount;
    boolean deadLettered;
    long sequence;
    Instant updatedAt;

    RefundState(String refundId) {
        this.refundId = refundId;
    }

    void add(TrailEntry entry, int max) {
        trail.add(entry);
        if (trail.size() > max) {
            trail.remove(0);
        }
    }
}
