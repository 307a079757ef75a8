package io.refundflow.intake.cases;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.refundflow.events.Money;
import io.refundflow.intake.model.EvidenceRequest;
import io.refundflow.intake.model.RefundCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A case as the API shows it: what a list shows of it ({@code summary}, its fields inline), its description, its
 * status's details, the steps of the current application ({@code timeline}) and everything that happened to the
 * case ({@code history}, including earlier applications).
 *
 * @param resubmittable   whether a rejected case may be submitted again (the rejection named a remedy)
 * @param evidenceRequest what a reviewer asked the customer to add and until when; present only while the case
 *                        is AWAITING_EVIDENCE (the customer adds files with POST /api/cases/{caseId}/evidence)
 * @param history         every step, including the files a customer added on request (EVIDENCE_ADDED)
 */
public record CaseView(
        @JsonUnwrapped CaseSummary summary,
        String description,
        boolean resubmittable,
        EvidenceRequest evidenceRequest,
        List<Step> timeline,
        List<Step> history) {

    /**
     * One step of the timeline.
     *
     * @param done         whether the step happened; the other fields are absent while it has not
     * @param outcome      REVIEWED: APPROVED, EXCHANGE_APPROVED, REJECTED, UNDER_REVIEW or AWAITING_EVIDENCE;
     *                     NOTIFIED: SENT or
     *                     FAILED; SETTLED: EXECUTED (paid back) or FAILED
     * @param refundAmount REVIEWED: the approved (or, under review, the proposed) amount; SETTLED: the amount
     *                     billing paid back or could not
     * @param reason       REVIEWED: why, in the customer's language; SETTLED and failed: billing's reason
     * @param remedy       REVIEWED and rejected: what the customer can do before applying again; REVIEWED and
     *                     AWAITING_EVIDENCE: what the reviewer asks the customer to add, in the reviewer's words
     * @param detail       NOTIFIED: a plain sentence in the customer's language, sent or not; a failed send's
     *                     server reply is never shown here (it goes to ops); EVIDENCE_ADDED: the names of the
     *                     files the customer added
     */
    public record Step(TimelineStep step, boolean done, Instant at, String refundId, String outcome,
            Money refundAmount, String reason, String remedy, String detail) {

        static Step pending(TimelineStep step) {
            return new Step(step, false, null, null, null, null, null, null, null);
        }

        static Step of(TimelineEntry entry) {
            return new Step(entry.step(), true, entry.occurredAt(), entry.refundId(), entry.outcome(),
                    entry.refundAmount(), entry.reason(), entry.remedy(), entry.detail());
        }
    }

    public static CaseView of(RefundCase c, List<TimelineEntry> entries) {
        List<Step> timeline = new ArrayList<>();
        timeline.add(entries.stream().filter(e -> e.step() == TimelineStep.CONTACTED).findFirst().map(Step::of)
                .orElse(Step.pending(TimelineStep.CONTACTED)));
        for (TimelineStep step : List.of(TimelineStep.SUBMITTED, TimelineStep.REVIEWED, TimelineStep.NOTIFIED,
                TimelineStep.SETTLED)) {
            TimelineEntry latest = null;
            for (TimelineEntry entry : entries) {
                if (entry.step() == step && c.currentRefundId() != null
                        && c.currentRefundId().equals(entry.refundId())) {
                    latest = entry;
                }
            }
            timeline.add(latest == null ? Step.pending(step) : Step.of(latest));
        }
        return new CaseView(CaseSummary.of(c), c.description(), c.resubmittable(), c.evidenceRequest(), timeline,
                entries.stream().map(Step::of).toList());
    }
}
