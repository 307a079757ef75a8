package io.refundflow.evaluator;

import static io.refundflow.testsupport.ShippedSettings.asShipped;
import static io.refundflow.testsupport.ShippedSettings.unconfigured;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** application.yml documents every default; what EvaluatorProperties falls back to must be the same values. */
class ShippedDefaultsTest {

    @Test
    void theEvaluatorSettingsFallBackToWhatApplicationYmlShips() {
        assertThat(unconfigured("refund.evaluator", EvaluatorProperties.class))
                .isEqualTo(asShipped("refund.evaluator", EvaluatorProperties.class));
    }
}
