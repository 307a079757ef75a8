package io.refundflow.evaluator.policy;

import static io.refundflow.evaluator.policy.Given.order;
import static io.refundflow.evaluator.policy.Given.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/policy.md, server return / exchange / refund on a claim (seed 003), with the shipped policy file. */
class ServerClaimRulesTest {

    private final PolicyEngine engine = PolicyEngine.bundled();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # behaviour                                              | ground          | evidence | paid    | currency | term days | submitted after paid | verdict       | rule                            | reason code               | refund
        quality issue with evidence goes to a person             | QUALITY_ISSUE   | 2        | 1000.00 | CNY      | 365       | P100D                | MANUAL_REVIEW | server.claim.quality-issue      | QUALITY_ISSUE_REVIEW      | 726.03
        not as promised with evidence goes to a person           | NOT_AS_PROMISED | 1        | 1000.00 | CNY      | 365       | P100D                | MANUAL_REVIEW | server.claim.not-as-promised    | NOT_AS_PROMISED_REVIEW    | 726.03
        force majeure with evidence goes to a person             | FORCE_MAJEURE   | 1        | 1000.00 | CNY      | 365       | P100D                | MANUAL_REVIEW | server.claim.force-majeure      | FORCE_MAJEURE_REVIEW      | 726.03
        quality issue without evidence asks for evidence         | QUALITY_ISSUE   | 0        | 1000.00 | CNY      | 365       | P100D                | MANUAL_REVIEW | server.claim.evidence-missing   | EVIDENCE_MISSING          | 726.03
        not as promised without evidence asks for evidence       | NOT_AS_PROMISED | 0        | 1000.00 | CNY      | 365       | P100D                | MANUAL_REVIEW | server.claim.evidence-missing   | EVIDENCE_MISSING          | 726.03
        force majeure without evidence asks for evidence         | FORCE_MAJEURE   | 0        | 1000.00 | CNY      | 365       | P100D                | MANUAL_REVIEW | server.claim.evidence-missing   | EVIDENCE_MISSING          | 726.03
        small claim without evidence is never auto-approved      | QUALITY_ISSUE   | 0        | 100.00  | CNY      | 30        | P15D                 | MANUAL_REVIEW | server.claim.evidence-missing   | EVIDENCE_MISSING          | 50.00
        claim just below the CNY threshold is approved           | QUALITY_ISSUE   | 1        | 399.98  | CNY      | 30        | P15D                 | APPROVE       | server.claim.small-auto-approve | SMALL_CLAIM_AUTO_APPROVED | 199.99
        claim exactly at the CNY threshold is approved           | NOT_AS_PROMISED | 1        | 400.00  | CNY      | 30        | P15D                 | APPROVE       | server.claim.small-auto-approve | SMALL_CLAIM_AUTO_APPROVED | 200.00
        claim just above the CNY threshold goes to a person      | QUALITY_ISSUE   | 1        | 400.02  | CNY      | 30        | P15D                 | MANUAL_REVIEW | server.claim.quality-issue      | QUALITY_ISSUE_REVIEW      | 200.01
        claim at the USD threshold is approved                   | FORCE_MAJEURE   | 1        | 60.00   | USD      | 30        | P15D                 | APPROVE       | server.claim.small-auto-approve | SMALL_CLAIM_AUTO_APPROVED | 30.00
        claim just above the USD threshold goes to a person      | FORCE_MAJEURE   | 1        | 60.02   | USD      | 30        | P15D                 | MANUAL_REVIEW | server.claim.force-majeure      | FORCE_MAJEURE_REVIEW      | 30.01
        claim in a currency without threshold goes to a person   | QUALITY_ISSUE   | 1        | 10.00   | EUR      | 30        | P15D                 | MANUAL_REVIEW | server.claim.quality-issue      | QUALITY_ISSUE_REVIEW      | 5.00
        unsatisfied is not a server ground and says what to do   | UNSATISFIED     | 0        | 1000.00 | CNY      | 365       | PT1H                 | REJECT        | server.unsatisfied.not-covered  | GUARANTEE_NOT_APPLICABLE  | -
        """)
    void decidesAServerClaimByGroundEvidenceAndAmount(String behaviour, Ground ground, int evidence,
            String paid, String currency, long termDays, Duration submittedAfterPaid, Outcome verdict, String rule,
            String reasonCode, String refund) {
        // given
        OrderFacts order = order(ProductKind.SERVER).paid(paid, currency).termDays(termDays).facts();

        // when
        Verdict decided = engine.evaluate(order, refund(ground, submittedAfterPaid, evidence));

        // then
        assertThat(Verdicts.outcomeOf(decided)).isEqualTo(verdict);
        assertThat(decided.ruleId()).isEqualTo(rule);
        assertThat(decided.reasonCode()).isEqualTo(reasonCode);
        assertThat(decided.refundAmount()).isEqualTo(refund == null ? null : Money.of(refund, currency));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # behaviour                                               | paid    | currency | term days | submitted after term start | proposed
        half-even rounds an exact half down to the even cent      | 100.01  | CNY      | 2         | PT24H                      | 50.00
        half-even rounds an exact half up to the even cent        | 100.03  | CNY      | 2         | PT24H                      | 50.02
        half-even on a 30-day term (150.085 -> 150.08)            | 300.17  | CNY      | 30        | P15D                       | 150.08
        a yearly term after 100 days (726.027... -> 726.03)       | 1000.00 | CNY      | 365       | P100D                      | 726.03
        rounds to the currency's minor unit (JPY has none)        | 1001    | JPY      | 2         | PT24H                      | 500
        a claim at term start returns everything                  | 300.00  | CNY      | 30        | PT0S                       | 300.00
        a claim before the term starts returns everything         | 300.00  | CNY      | 30        | PT-24H                     | 300.00
        a started day counts as used                              | 300.00  | CNY      | 30        | PT1S                       | 290.00
        one second before a whole day still counts as used       | 300.00  | CNY      | 30        | PT47H59M59S                | 280.00
        """)
    void proposesPaidTimesUnusedDaysOverTermDays(String behaviour, String paid, String currency, long termDays,
            Duration submittedAfterTermStart, String proposed) {
        // given: no evidence, so the amount is only proposed and no threshold interferes
        OrderFacts order = order(ProductKind.SERVER).paid(paid, currency).termDays(termDays).facts();

        // when
        Verdict decided = engine.evaluate(order, refund(Ground.QUALITY_ISSUE, submittedAfterTermStart, 0));

        // then
        assertThat(decided).isInstanceOf(SendToReview.class);
        assertThat(((SendToReview) decided).proposedAmount()).isEqualTo(Money.of(proposed, currency));
    }
}
