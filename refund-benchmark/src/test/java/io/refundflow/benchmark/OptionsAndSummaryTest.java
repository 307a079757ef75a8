package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class OptionsAndSummaryTest {

    @Test
    void optionsParseDurationsRatesMixesAndServiceProperties() {
        Options o = Options.parse("--duration", "1.5m", "--rate", "50", "--mix", "SAAS=1", "--mode", "latency",
                "--prop", "notifier:refund.notifier.batch-size=200", "--no-ceilings");

        assertThat(o.duration).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.rate).isEqualTo(50);
        assertThat(o.mix.weights()).containsOnlyKeys(Scenario.SAAS);
        assertThat(o.runsLatency()).isTrue();
        assertThat(o.runsThroughput()).isFalse();
        assertThat(o.ceilings).isFalse();
        assertThat(o.extraProperties).containsEntry("notifier:refund.notifier.batch-size", "200");
        assertThat(Options.duration("--x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Options.duration("--x", "10")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void thePeerIsMeasuredBesideRefundflowOrAlone() {
        Options beside = Options.parse("--peer", "operaton");
        Options alone = Options.parse("--peer", "operaton", "--only-peer");

        assertThat(beside.hasPeer()).isTrue();
        assertThat(beside.runsRefundflow()).isTrue();
        assertThat(alone.runsRefundflow()).isFalse();
        assertThat(Options.parse().hasPeer()).isFalse();
        assertThatThrownBy(() -> Options.parse("--only-peer")).hasMessageContaining("--peer operaton");
        assertThatThrownBy(() -> Options.parse("--peer", "camunda")).hasMessageContaining("--peer");
    }

    @Test
    void profilingIsOffUnlessAsked() {
        assertThat(Options.parse().profile).isFalse();
        assertThat(Options.parse("--profile", "--mode", "throughput").profile).isTrue();
    }

    @Test
    void cpuPerRefundIsAProcesssAverageShareOfACoreOverThePhaseWindowPerRefund() {
        Map<String, ProcessSampler.Usage> usage = Map.of("notifier", new ProcessSampler.Usage(50, 90, 600, 650, 20));

        Map<String, Double> perRefund = Benchmark.cpuMillisPerRefund(usage, 10, 1000);

        // half a core for 10 s is 5,000 ms of CPU, over 1,000 refunds
        assertThat(perRefund).containsEntry("notifier", 5.0);
        assertThat(Benchmark.cpuMillisPerRefund(usage, 10, 0)).isEmpty();
    }

    @Test
    void autovacuumIsTurnedOnUnlessTheServersSettingIsAsked() {
        assertThat(Options.parse().autovacuum).isEqualTo("on");
        assertThat(Options.parse("--autovacuum", "as-is").autovacuum).isEqualTo("as-is");
        assertThatThrownBy(() -> Options.parse("--autovacuum", "off")).hasMessageContaining("--autovacuum");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> Options.parse("--rate", "-3")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> Options.parse("--mode", "fast")).hasMessageContaining("--mode");
        assertThatThrownBy(() -> Options.parse("--colour", "red")).hasMessageContaining("unknown option --colour");
    }

    @Test
    void summaryReportsPercentilesInMilliseconds() {
        Histogram h = LatencySummary.newHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.recordValue(ms * 1000L);
        }

        LatencySummary s = LatencySummary.of(h);

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isCloseTo(50.0, within(0.1)); // 3 significant digits
        assertThat(s.p95()).isCloseTo(95.0, within(0.1)); // 3 significant digits
        assertThat(s.p99()).isCloseTo(99.0, within(0.1)); // 3 significant digits
        assertThat(s.max()).isBetween(99.9, 100.1);
        assertThat(s.text()).matches("50\\.\\d / 95\\.\\d / 99\\.\\d / 100");
        assertThat(LatencySummary.of(LatencySummary.newHistogram()).text()).isEqualTo("–");
    }
}
