package io.refundflow.evaluator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.events.Ground;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy's durations and amounts as the file gives them reach the policy: windows, deadlines, thresholds. */
class PolicyDurationsTest {

    private final PolicyDurations durations = new PolicyDurations(new PolicyValues("test-policy.yaml"));

    @Test
    void everyNamedWindowIsReadInTheFilesOrder() {
        // given
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put("guarantee", "PT120H");
        declared.put("grace", "P1D");

        // when
        Map<String, Duration> windows = durations.windows(declared);

        // then
        assertThat(windows).containsExactly(Map.entry("guarantee", Duration.ofHours(120)),
                Map.entry("grace", Duration.ofDays(1)));
    }

    @Test
    void aWindowOfZeroIsRefusedNamingTheWindow() {
        assertThatThrownBy(() -> durations.windows(Map.of("guarantee", "PT0S")))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("test-policy.yaml: window 'guarantee': duration must be positive, got PT0S");
    }

    @Test
    void reviewDeadlinesAreReadPerGroundAndByDefault() {
        // given
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put(Policy.DEFAULT_DUE, "PT48H");
        declared.put(Ground.FORCE_MAJEURE.name(), "PT96H");

        // when
        Map<String, Duration> due = durations.reviewDueWithin(declared);

        // then
        assertThat(due).containsExactly(Map.entry("default", Duration.ofHours(48)),
                Map.entry("FORCE_MAJEURE", Duration.ofHours(96)));
        assertThat(durations.reviewDueWithin(null)).isEmpty();
    }

    @Test
    void theEvidenceAnswerTimeAndTheFourEyesWindowAreReadOrLeftOut() {
        assertThat(durations.evidenceAnswerWithin("P7D")).isEqualTo(Duration.ofDays(7));
        assertThat(durations.evidenceAnswerWithin(null)).isNull();
        assertThat(durations.fourEyesWindow("P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(durations.fourEyesWindow(null)).isNull();
    }

    @Test
    void aNegativeEvidenceAnswerTimeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> durations.evidenceAnswerWithin("-P1D"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("test-policy.yaml: evidenceAnswerWithin: duration must be positive, got -P1D");
    }

    @Test
    void theBundledPolicyGivesForceMajeureFourDaysAndEveryOtherGroundTwo() {
        // given
        Policy bundled = PolicyLoader.loadBundled();

        // then
        assertThat(bundled.reviewDueWithin(Ground.FORCE_MAJEURE)).contains(Duration.ofHours(96));
        assertThat(bundled.reviewDueWithin(Ground.UNSATISFIED)).contains(Duration.ofHours(48));
        assertThat(bundled.reviewDueWithin(null)).contains(Duration.ofHours(48));
        assertThat(bundled.evidenceAnswerWithin()).contains(Duration.ofDays(7));
        assertThat(bundled.source()).isEqualTo("classpath:" + PolicyLoader.BUNDLED_RESOURCE);
    }

    @Test
    void anAmountOfZeroIsAllowedAndOnlyANegativeOneIsRefused() {
        // given
        PolicyValues values = new PolicyValues("test-policy.yaml");

        // then
        assertThat(values.amount("fourEyesAbove.CNY", "0")).isEqualByComparingTo(BigDecimal.ZERO);
        assertThatThrownBy(() -> values.amount("fourEyesAbove.CNY", "-0.01"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("test-policy.yaml: fourEyesAbove.CNY must not be negative");
    }
}
