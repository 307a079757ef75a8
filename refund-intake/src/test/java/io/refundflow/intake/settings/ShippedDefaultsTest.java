package io.refundflow.intake.settings;

import static io.refundflow.testsupport.ShippedSettings.asShipped;
import static io.refundflow.testsupport.ShippedSettings.unconfigured;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** application.yml documents every default; what IntakeProperties falls back to must be the same values. */
class ShippedDefaultsTest {

    @Test
    void theIntakeSettingsFallBackToWhatApplicationYmlShips() {
        assertThat(unconfigured("refund.intake", IntakeProperties.class))
                .isEqualTo(asShipped("refund.intake", IntakeProperties.class));
    }
}
