package io.refundflow.intake.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's case ({@code refund_case}): it decides whether it takes a submission, and whether it takes files
 * a reviewer asked for.
 *
 * @param evidenceRequest what a reviewer asked the customer to add; present only while the case is
 *                        {@link CaseStatus#AWAITING_EVIDENCE}
 */
public record RefundCase(
        String caseId,
        String caseNumber,
        String customerId,
        String orderId,
        Channel channel,
        String description,
        String openedBy,
        CaseStatus status,
        String currentRefundId,
        boolean resubmittable,
        EvidenceRequest evidenceRequest,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * A case just opened (CONTACTED) with a new id, not stored yet: its case number is drawn when it is stored.
     */
    public static RefundCase opened(String customerId, String orderId, Channel channel, String description,
            String openedBy, Instant at) {
        return new RefundCase(UUID.randomUUID().toString(), null, customerId, orderId, channel, description, openedBy,
                CaseStatus.CONTACTED, null, false, null, at, at);
    }

    /** This case under the number it was stored with. */
    public RefundCase numbered(String number) {
        return new RefundCase(caseId, number, customerId, orderId, channel, description, openedBy, status,
                currentRefundId, resubmittable, evidenceRequest, createdAt, updatedAt);
    }

    /**
     * A case takes its first submission, and another one only after a rejection or a failed payment whose
     * remedy allows it; never while a request is open, never after an approval.
     */
    public SubmissionCheck submission() {
        if (status == CaseStatus.CONTACTED || (status == CaseStatus.REJECTED && resubmittable)
                || (status == CaseStatus.REFUND_FAILED && resubmittable)) {
            return new SubmissionCheck.Allowed();
        }
        if (status.isOpen()) {
            return new SubmissionCheck.Refused(true,
                    "case " + caseNumber + " already has an open refund request (" + currentRefundId + ")");
        }
        if (status == CaseStatus.APPROVED || status == CaseStatus.EXCHANGE_APPROVED
                || status == CaseStatus.REFUNDED) {
            return new SubmissionCheck.Refused(false,
                    "case " + caseNumber + " was approved; there is nothing left to submit");
        }
        return new SubmissionCheck.Refused(false,
                "case " + caseNumber + " was rejected without a remedy; it cannot be submitted again");
    }

    /** The case once an application with this refund id was submitted on it: open, waiting for its review. */
    public RefundCase submitted(String refundId, Instant at) {
        return new RefundCase(caseId, caseNumber, customerId, orderId, channel, description, openedBy,
                CaseStatus.SUBMITTED, refundId, false, null, createdAt, at);
    }

    /** The case once the files a reviewer asked for were added: the request is under review again, asked nothing. */
    public RefundCase evidenceAdded(Instant at) {
        return new RefundCase(caseId, caseNumber, customerId, orderId, channel, description, openedBy,
                CaseStatus.UNDER_REVIEW, currentRefundId, false, null, createdAt, at);
    }

    /**
     * A case takes files from its customer only while a reviewer waits for them: they belong to the request
     * under review, not to a new one.
     */
    public EvidenceCheck addingEvidence() {
        if (status == CaseStatus.AWAITING_EVIDENCE) {
            return new EvidenceCheck.Allowed(currentRefundId);
        }
        return new EvidenceCheck.Refused("case " + caseNumber + " is " + status
                + "; files can be added only while a reviewer awaits evidence (AWAITING_EVIDENCE)");
    }
}
