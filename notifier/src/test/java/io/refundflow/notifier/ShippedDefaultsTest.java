package io.refundflow.notifier;

import static io.refundflow.testsupport.ShippedSettings.asShipped;
import static io.refundflow.testsupport.ShippedSettings.unconfigured;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.notifier.email.CasePageLinks;
import org.junit.jupiter.api.Test;

/** application.yml documents every default; what the properties records fall back to must be the same values. */
class ShippedDefaultsTest {

    @Test
    void theNotifierSettingsFallBackToWhatApplicationYmlShips() {
        assertThat(unconfigured("refund.notifier", NotifierProperties.class))
                .isEqualTo(asShipped("refund.notifier", NotifierProperties.class));
        assertThat(unconfigured("refund.notifier.case-page", CasePageLinks.class))
                .isEqualTo(asShipped("refund.notifier.case-page", CasePageLinks.class));
    }
}
