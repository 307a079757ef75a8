package io.refundflow.portal.model;

import io.refundflow.events.Money;
import java.time.Instant;
import java.util.List;

/** A case as refund-intake's {@code GET /api/cases/{caseId}} answers it, the fields the page shows. */
public record CaseDetails(String caseId, String caseNumber, String orderId, String status, boolean resubmittable,
        String refundId, EvidenceRequest evidenceRequest, Instant updatedAt, List<Step> timeline) {

    /** What ops asked the customer to add, until when. */
    public record EvidenceRequest(String message, Instant answerBy) {
    }

    /** One step of the timeline (CONTACTED, SUBMITTED, REVIEWED, NOTIFIED, SETTLED). */
    public record Step(String step, boolean done, Instant at, String outcome, Money refundAmount, String reason,
            String remedy, String detail) {
    }

    public CaseDetails {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    public Step step(String name) {
        return timeline.stream().filter(s -> name.equals(s.step())).findFirst()
                .orElse(new Step(name, false, null, null, null, null, null, null));
    }

    public boolean awaitsEvidence() {
        return "AWAITING_EVIDENCE".equals(status) && evidenceRequest != null;
    }
}
