package io.refundflow.evaluator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.Money;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bundled policy's four-eyes thresholds: which reviewer approvals need a second reviewer. */
class FourEyesThresholdTest {

    private final Policy policy = PolicyLoader.loadBundled();

    @Test
    void anApprovalAboveTheThresholdOfItsCurrencyNeedsASecondReviewer() {
        // when / then
        assertThat(policy.fourEyesThresholdExceededBy(Money.of("5000.01", "CNY"))).contains(Money.of("5000.00", "CNY"));
        assertThat(policy.fourEyesThresholdExceededBy(Money.of("700.01", "USD"))).contains(Money.of("700.00", "USD"));
    }

    @Test
    void anApprovalAtTheThresholdNeedsNoSecondReviewer() {
        // when / then
        assertThat(policy.fourEyesThresholdExceededBy(Money.of("5000.00", "CNY"))).isEmpty();
        assertThat(policy.fourEyesThresholdExceededBy(Money.of("700.00", "USD"))).isEmpty();
    }

    @Test
    void anyApprovalInACurrencyWithoutThresholdOrDefaultNeedsASecondReviewer() {
        // when / then (the bundled policy names CNY and USD, and no default)
        assertThat(policy.fourEyesThresholdExceededBy(Money.of("0.01", "EUR"))).isPresent();
    }

    @Test
    void aPolicyWhoseThresholdsMissACurrencyItNamesLoadsWithADefaultWhichAppliesToThatCurrency() {
        // given a policy whose rule names USD, and thresholds for CNY and a default
        Policy withDefault = PolicyLoader.load(new ByteArrayInputStream("""
                version: "test-1"
                fourEyesAbove: {CNY: "5000.00", default: "100"}
                nothingLeftToRefund:
                  id: cap.nothing-left
                  reason: {code: NOTHING_LEFT_TO_REFUND, en: Nothing left., zh: 无可退金额。}
                rules:
                  - id: small
                    when: {refundAtMost: {USD: "30.00"}}
                    outcome: APPROVE
                    refund: FULL
                    reason: {code: FULL, en: Refunded., zh: 已退款。}
                  - id: default
                    outcome: MANUAL_REVIEW
                    reason: {code: NO_RULE_APPLIES, en: A person decides., zh: 人工审核。}
                """.getBytes(StandardCharsets.UTF_8)), "test-policy.yaml");

        // when / then the default is the threshold of USD, in USD
        assertThat(withDefault.fourEyesThresholdExceededBy(Money.of("100.00", "USD"))).isEmpty();
        assertThat(withDefault.fourEyesThresholdExceededBy(Money.of("100.01", "USD")))
                .contains(Money.of("100.00", "USD"));
    }

    @Test
    void theBundledPolicyCountsWhatOneReviewerApprovedOnAnOrderOverThirtyDays() {
        // when / then
        assertThat(policy.fourEyesWindow()).contains(Duration.ofDays(30));
    }
}
