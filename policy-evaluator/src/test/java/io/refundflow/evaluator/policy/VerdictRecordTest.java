package io.refundflow.evaluator.policy;

import static io.refundflow.evaluator.policy.Given.order;
import static io.refundflow.evaluator.policy.Given.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.PolicyTexts;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every verdict carries what is needed to explain and replay it. */
class VerdictRecordTest {

    private final PolicyEngine engine = PolicyEngine.bundled();

    @Test
    void recordsThePolicyVersionFromTheFile() {
        // given
        OrderFacts saas = order(ProductKind.SAAS).facts();

        // when
        Verdict decided = engine.evaluate(saas, refund(Ground.UNSATISFIED, Duration.ofHours(1), 0));

        // then
        assertThat(engine.version()).isEqualTo(PolicyTexts.bundledVersion());
        assertThat(decided.policyVersion()).isEqualTo(PolicyTexts.bundledVersion());
    }

    @Test
    void recordsTheRuleIdAndTheReasonInBothLanguages() {
        // given
        OrderFacts saas = order(ProductKind.SAAS).facts();

        // when
        Verdict decided = engine.evaluate(saas, refund(Ground.UNSATISFIED, Duration.ofDays(6), 0));

        // then
        assertThat(decided).isInstanceOf(Reject.class);
        assertThat(decided.ruleId()).isEqualTo("saas.guarantee.over");
        assertThat(decided.reasonCode()).isEqualTo("GUARANTEE_PERIOD_OVER");
        assertThat(decided.reason().en()).contains("guarantee period");
        assertThat(decided.reason().zh()).contains("担保期");
        assertThat(decided.remedy()).isNull();
    }

    @Test
    void anImageInUseIsRejectedWithTheRemedyToStopTheServer() {
        // given
        OrderFacts image = order(ProductKind.IMAGE).imageUsage(ImageUsage.IN_USE).facts();

        // when
        Verdict decided = engine.evaluate(image, refund(Ground.UNSATISFIED, Duration.ofDays(1), 0));

        // then
        assertThat(decided.remedy()).isEqualTo(new LocalizedText(
                "Stop the server or change its operating system (back up first), then apply again.",
                "请先停止服务器或更换其操作系统（请先备份数据），然后重新申请。"));
    }

    @Test
    void theTraceListsTheRulesCheckedAndEndsWithTheOneThatFired() {
        // given
        OrderFacts image = order(ProductKind.IMAGE).imageUsage(ImageUsage.UNUSED).facts();

        // when
        Evaluation evaluation = engine.explain(image, refund(Ground.UNSATISFIED, Duration.ofDays(1), 0));

        // then
        assertThat(evaluation.trace()).first().asString().startsWith("exchange.server-claim.evidence-missing: not matched");
        assertThat(evaluation.trace()).last().asString()
                .isEqualTo("image.guarantee.inside-unused: fired APPROVE 100.00 CNY");
        assertThat(evaluation.verdict().ruleId()).isEqualTo("image.guarantee.inside-unused");
    }

    @Test
    void theTraceShowsWhyARefundBecameNothingLeftToRefund() {
        // given
        OrderFacts refundedSaas = order(ProductKind.SAAS).refunded("100.00").facts();

        // when
        Evaluation evaluation = engine.explain(refundedSaas, refund(Ground.UNSATISFIED, Duration.ofHours(1), 0));

        // then
        assertThat(evaluation.trace()).contains(
                "saas.guarantee.inside: matched, but its FULL refund comes to 0.00 CNY"
                        + " (paid 100.00 CNY, already refunded or reserved 100.00 CNY)",
                "cap.nothing-left-to-refund: fired REJECT");
    }

    @Test
    void aManualReviewExposesItsProposedAmountAsTheRefundAmount() {
        // given: a 365-day server term, asked about 100 days in: 265 unused days of 1000.00
        OrderFacts server = order(ProductKind.SERVER).paid("1000.00").facts();

        // when
        Verdict decided = engine.evaluate(server, refund(Ground.QUALITY_ISSUE, Duration.ofDays(100), 1));

        // then
        Money unusedTime = Money.of("726.03", server.paidAmount().currency());
        assertThat(decided).isInstanceOfSatisfying(SendToReview.class, review -> {
            assertThat(review.proposedAmount()).isEqualTo(unusedTime);
            assertThat(review.refundAmount()).isEqualTo(unusedTime);
        });
    }

    @Test
    void theShippedPolicyNamesEveryRuleInOrderEndingWithTheCatchAllAndTheCap() {
        // when
        Policy policy = engine.policy();

        // then
        assertThat(policy.ruleIds()).endsWith("default.manual-review", "cap.nothing-left-to-refund");
        assertThat(policy.windows()).containsEntry("guarantee", Duration.ofHours(120));
    }
}
