package io.refundflow.evaluator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.Money;
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
    void anApprovalAtTheThresholdOrInAnUnlistedCurrencyNeedsNoSecondReviewer() {
        // when / then
        assertThat(policy.fourEyesThresholdExceededBy(Money.of("5000.00", "CNY"))).isEmpty();
        assertThat(policy.fourEyesThresholdExceededBy(Money.of("99999.00", "EUR"))).isEmpty();
    }
}
