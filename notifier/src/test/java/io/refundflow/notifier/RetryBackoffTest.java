package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a transiently failed email waits before its next attempt. */
class RetryBackoffTest {

    private final NotifierProperties.Retry retry = new NotifierProperties.Retry(Duration.ofSeconds(10), 2.0,
            Duration.ofMinutes(1), 30, Duration.ofHours(24));

    @Test
    void thePauseGrowsExponentiallyFromTheInitialBackoff() {
        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(retry.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void thePauseNeverExceedsTheMaximum() {
        assertThat(retry.backoffAfter(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.backoffAfter(200)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void everySettingHasADefault() {
        NotifierProperties defaults = new NotifierProperties(null, null, null, null, null, null, null, null, null, null);
        assertThat(defaults.retry().maxAttempts()).isEqualTo(30);
        assertThat(defaults.retry().maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.defaultLocale()).isEqualTo("en");
        assertThat(defaults.settlementMinBusinessDays()).isEqualTo(3);
        assertThat(defaults.settlementMaxBusinessDays()).isEqualTo(5);
    }
}
