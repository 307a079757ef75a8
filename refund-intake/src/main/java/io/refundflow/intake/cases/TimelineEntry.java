package io.refundflow.intake.cases;

import io.refundflow.events.Money;
import java.time.Instant;

/** One row of {@code timeline_entry}: something that happened to a case. */
public record TimelineEntry(
        String caseId,
        String refundId,
        TimelineStep step,
        Instant occurredAt,
        String outcome,
        Money refundAmount,
        String reason,
        String remedy,
        String detail,
        String eventId) {

    public static TimelineEntry of(String caseId, String refundId, TimelineStep step, Instant at) {
        return new TimelineEntry(caseId, refundId, step, at, null, null, null, null, null, null);
    }
}
