package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RefundLedgerTest {

    private static final String APPROVED = "io.refundflow.refund.approved.v1";
    private static final String REVIEW = "io.refundflow.refund.manual-review-required.v1";
    private static final long MS = 1_000_000L;

    private final RefundLedger ledger = new RefundLedger();

    private PhaseResult.Checks check() {
        return ledger.check("p", true, LatencySummary.newHistogram(), LatencySummary.newHistogram(), new ArrayList<>());
    }

    @Test
    void aRefundWithOneDecisionAndOneEmailPassesAndIsTimedFromItsSubmit() {
        ledger.submitted("r-1", "p", Scenario.SAAS, 1000 * MS);
        ledger.decision("r-1", "d-1", APPROVED, 1012 * MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", 1040 * MS);
        ledger.email("r-1");
        Histogram toDecision = LatencySummary.newHistogram();
        Histogram toEmail = LatencySummary.newHistogram();
        List<Long> emailTimes = new ArrayList<>();

        PhaseResult.Checks checks = ledger.check("p", true, toDecision, toEmail, emailTimes);

        assertThat(checks.passed()).isTrue();
        assertThat(checks.submitted()).isEqualTo(1);
        assertThat(LatencySummary.of(toDecision).p50()).isCloseTo(12.0, within(0.05));
        assertThat(LatencySummary.of(toEmail).p50()).isCloseTo(40.0, within(0.05));
        assertThat(ledger.settled("p")).isTrue();
    }

    @Test
    void eventsThatArriveBeforeTheSubmitAnswerAreKept() {
        ledger.decision("r-1", "d-1", APPROVED, 1012 * MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", 1040 * MS);
        ledger.submitted("r-1", "p", Scenario.SAAS, 1000 * MS);
        ledger.email("r-1");

        assertThat(check().passed()).isTrue();
        assertThat(ledger.counters("p").emailed.get()).isEqualTo(1);
        assertThat(ledger.strangers()).isZero();
    }

    @Test
    void aRefundWithoutDecisionOrEmailIsLost() {
        ledger.submitted("r-1", "p", Scenario.SAAS, 0);
        ledger.submitted("r-2", "p", Scenario.SAAS, 0);
        ledger.decision("r-2", "d-2", APPROVED, 5 * MS);

        PhaseResult.Checks checks = check();

        assertThat(checks.lostDecision()).isEqualTo(1);
        assertThat(checks.lostEmail()).isEqualTo(1);
        assertThat(checks.passed()).isFalse();
        assertThat(ledger.settled("p")).isFalse();
    }

    @Test
    void twoDistinctDecisionsOrTwoEmailsForOneDecisionAreDuplicates() {
        ledger.submitted("r-1", "p", Scenario.SAAS, 0);
        ledger.decision("r-1", "d-1", APPROVED, MS);
        ledger.decision("r-1", "d-2", APPROVED, MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", MS);
        ledger.notification("r-1", "n-2", "d-2", "SENT", MS);
        ledger.email("r-1");
        ledger.email("r-1");
        ledger.submitted("r-2", "p", Scenario.SAAS, 0);
        ledger.decision("r-2", "d-3", APPROVED, MS);
        ledger.notification("r-2", "n-3", "d-3", "SENT", MS);
        ledger.notification("r-2", "n-4", "d-3", "SENT", MS);
        ledger.email("r-2");
        ledger.email("r-2");

        PhaseResult.Checks checks = check();

        assertThat(checks.duplicateDecision()).isEqualTo(1);
        assertThat(checks.duplicateEmail()).isEqualTo(2); // two SENT events for d-3, two inbox emails for d-3
        assertThat(checks.passed()).isFalse();
    }

    @Test
    void aRedeliveredEventWithTheSameIdIsNotADuplicate() {
        ledger.submitted("r-1", "p", Scenario.SAAS, 0);
        ledger.decision("r-1", "d-1", APPROVED, MS);
        ledger.decision("r-1", "d-1", APPROVED, 2 * MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", 3 * MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", 4 * MS);
        ledger.email("r-1");

        PhaseResult.Checks checks = check();

        assertThat(checks.passed()).isTrue();
        assertThat(checks.redeliveredEvents()).isEqualTo(2);
    }

    @Test
    void aManualReviewWithItsUnderReviewEmailIsComplete() {
        ledger.submitted("r-1", "p", Scenario.EXCHANGE, 0);
        ledger.decision("r-1", "d-1", REVIEW, MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", 2 * MS);
        ledger.email("r-1");

        PhaseResult.Checks checks = check();

        assertThat(checks.passed()).isTrue();
        assertThat(checks.manualReview()).isEqualTo(1);
        assertThat(checks.unexpectedOutcome()).isZero();
    }

    @Test
    void aFailedEmailAndAnInboxWithoutTheEmailFail() {
        ledger.submitted("r-1", "p", Scenario.SAAS, 0);
        ledger.decision("r-1", "d-1", APPROVED, MS);
        ledger.notification("r-1", "n-1", "d-1", "FAILED", 2 * MS);
        ledger.submitted("r-2", "p", Scenario.SAAS, 0);
        ledger.decision("r-2", "d-2", APPROVED, MS);
        ledger.notification("r-2", "n-2", "d-2", "SENT", 2 * MS);

        PhaseResult.Checks checks = check();

        assertThat(checks.failedEmail()).isEqualTo(1);
        assertThat(checks.inboxMismatch()).isEqualTo(2);
        assertThat(checks.passed()).isFalse();
    }

    @Test
    void anUnexpectedOutcomeIsReportedButIsNoLoss() {
        ledger.submitted("r-1", "p", Scenario.API_OR_DOWNLOAD, 0);
        ledger.decision("r-1", "d-1", APPROVED, MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", 2 * MS);
        ledger.email("r-1");

        PhaseResult.Checks checks = check();

        assertThat(checks.unexpectedOutcome()).isEqualTo(1);
        assertThat(checks.passed()).isTrue();
    }

    @Test
    void anApprovalOfAnotherAmountThanThePolicysIsReportedAsUnexpected() {
        ledger.submitted("r-1", "p", Scenario.SAAS, 0);
        ledger.decision("r-1", "d-1", APPROVED, new BigDecimal("99.00"), MS);
        ledger.submitted("r-2", "p", Scenario.SAAS, 0);
        ledger.decision("r-2", "d-2", APPROVED, new BigDecimal("199.0"), MS);

        PhaseResult.Checks checks = check();

        assertThat(checks.unexpectedOutcome()).isEqualTo(1);
        assertThat(checks.examples()).anyMatch(e -> e.contains("r-1") && e.contains("granted 99.00 instead of 199.00"));
    }

    @Test
    void aRefundWhoseAnswerWasLostIsNeitherLostNorAStranger() {
        // given a request whose answer never came, and the email the peer sent for it all the same
        ledger.unanswered("bp-1", "p", Scenario.SAAS);
        ledger.notification("bp-1", "m-1", "pi-1", "SENT", 3 * MS);
        ledger.email("bp-1");

        // when the phase is checked
        PhaseResult.Checks checks = check();

        // then it is counted apart: not submitted, not lost, not a refund the benchmark never sent
        assertThat(checks.passed()).isTrue();
        assertThat(checks.unanswered()).isEqualTo(1);
        assertThat(checks.submitted()).isZero();
        assertThat(ledger.strangers()).isZero();
    }

    @Test
    void aRefundWhoseAnswerWasLostAndThatWasEmailedTwiceIsADuplicate() {
        // given a request whose answer never came, and two emails for it
        ledger.unanswered("bp-1", "p", Scenario.SAAS);
        ledger.email("bp-1");
        ledger.email("bp-1");

        // when the phase is checked
        PhaseResult.Checks checks = check();

        // then the second email fails the check
        assertThat(checks.duplicateEmail()).isEqualTo(1);
        assertThat(checks.passed()).isFalse();
    }

    @Test
    void aRefundWhoseAnswerWasLostAndThenCameIsSubmitted() {
        // given a request whose first answer was lost, and the answer to asking again
        ledger.unanswered("r-1", "p", Scenario.SAAS);
        ledger.submitted("r-1", "p", Scenario.SAAS, 0);
        ledger.decision("r-1", "d-1", APPROVED, MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", 2 * MS);
        ledger.email("r-1");

        // when the phase is checked
        PhaseResult.Checks checks = check();

        // then it is checked as any submitted refund
        assertThat(checks.passed()).isTrue();
        assertThat(checks.submitted()).isEqualTo(1);
        assertThat(checks.unanswered()).isZero();
    }
}
