package io.refundflow.intake.submit;

import io.refundflow.intake.model.CaseStatus;
import io.refundflow.intake.model.RefundCase;

/**
 * The answer to a case opened and submitted in one call: what the client needs to follow it (the case's
 * {@code Location}, its number for people, the refund id the decision will name), not the whole case view, so that
 * the hot path neither reads the timeline back nor stores a large idempotency answer.
 *
 * @param status SUBMITTED: the review follows asynchronously ({@code GET /api/cases/{caseId}})
 */
public record SubmissionReceipt(String caseId, String caseNumber, String refundId, CaseStatus status) {

    static SubmissionReceipt of(RefundCase submitted) {
        return new SubmissionReceipt(submitted.caseId(), submitted.caseNumber(), submitted.currentRefundId(),
                submitted.status());
    }
}
