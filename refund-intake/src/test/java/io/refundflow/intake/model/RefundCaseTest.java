package io.refundflow.intake.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A case decides whether it takes a submission, and whether it takes evidence, from its status alone. */
class RefundCaseTest {

    @Test
    void aContactedCaseTakesItsFirstSubmission() {
        assertThat(caseIn(CaseStatus.CONTACTED, false).submission()).isInstanceOf(SubmissionCheck.Allowed.class);
    }

    @Test
    void aCaseWithAnOpenRequestRefusesAnotherAndSaysWhichIsOpen() {
        // when
        SubmissionCheck check = caseIn(CaseStatus.UNDER_REVIEW, false).submission();

        // then
        assertThat(check).isEqualTo(new SubmissionCheck.Refused(true,
                "case RF-2026-000001 already has an open refund request (r-1)"));
    }

    @Test
    void aRejectionWithARemedyAllowsAnotherSubmissionAndOneWithoutDoesNot() {
        assertThat(caseIn(CaseStatus.REJECTED, true).submission()).isInstanceOf(SubmissionCheck.Allowed.class);
        assertThat(caseIn(CaseStatus.REJECTED, false).submission())
                .isEqualTo(new SubmissionCheck.Refused(false,
                        "case RF-2026-000001 was rejected without a remedy; it cannot be submitted again"));
    }

    @Test
    void anApprovedOrRefundedCaseIsClosedForGood() {
        assertThat(caseIn(CaseStatus.APPROVED, true).submission()).isInstanceOf(SubmissionCheck.Refused.class);
        assertThat(caseIn(CaseStatus.REFUNDED, true).submission()).isEqualTo(new SubmissionCheck.Refused(false,
                "case RF-2026-000001 was approved; there is nothing left to submit"));
    }

    @Test
    void aFailedPaymentBackMayBeRequestedAgainWhenTheCaseAllowsIt() {
        assertThat(caseIn(CaseStatus.REFUND_FAILED, true).submission())
                .isInstanceOf(SubmissionCheck.Allowed.class);
    }

    @Test
    void aCaseAwaitingEvidenceIsStillAnOpenRequestAndRefusesAnotherSubmission() {
        assertThat(CaseStatus.AWAITING_EVIDENCE.isOpen()).isTrue();
        assertThat(caseIn(CaseStatus.AWAITING_EVIDENCE, false).submission()).isEqualTo(new SubmissionCheck.Refused(true,
                "case RF-2026-000001 already has an open refund request (r-1)"));
    }

    @Test
    void aCaseAwaitingEvidenceTakesFilesForItsCurrentRefund() {
        assertThat(caseIn(CaseStatus.AWAITING_EVIDENCE, false).addingEvidence())
                .isEqualTo(new EvidenceCheck.Allowed("r-1"));
    }

    @Test
    void aCaseNotAwaitingEvidenceRefusesFilesNamingItsStatus() {
        for (CaseStatus status : CaseStatus.values()) {
            if (status == CaseStatus.AWAITING_EVIDENCE) {
                continue;
            }
            // when
            EvidenceCheck check = caseIn(status, false).addingEvidence();

            // then
            assertThat(check).isInstanceOf(EvidenceCheck.Refused.class);
            assertThat(((EvidenceCheck.Refused) check).reason()).startsWith("case RF-2026-000001 is " + status + ";");
        }
    }

    private static RefundCase caseIn(CaseStatus status, boolean resubmittable) {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        return new RefundCase("case-1", "RF-2026-000001", "c-1", "o-1", Channel.WEB, "broken", "c-1", status, "r-1",
                resubmittable, null, now, now);
    }
}
