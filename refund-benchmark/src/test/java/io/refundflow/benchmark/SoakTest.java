package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SoakTest {

    private static final long MS = 1_000_000L;
    private static final Soak.FillUp NO_FILL_UP = new Soak.FillUp(Duration.ZERO, "none");
    /** The refunds/s of the 30-minute soak whose idempotency keys were once called growing. */
    private static final int KEYS_PER_SECOND = 28;
    private static final String KEYS = "intake.idempotency_key";

    @Test
    void aSeriesThatWobblesAroundOneLevelIsFlat() {
        Soak.Verdict v = Soak.judge(List.of(500.0, 520.0, 480.0, 530.0, 490.0, 510.0), 0, Soak.RSS_SLACK_MB);

        assertThat(v).isInstanceOf(Soak.Flat.class);
        assertThat(v.firstThird()).isEqualTo(510.0);
        assertThat(v.lastThird()).isEqualTo(500.0);
    }

    @Test
    void aSeriesWhoseLastThirdIsAboveTheFirstByMoreThanToleranceAndSlackGrows() {
        // first third 1,000, last third 1,310: above 1,000 × 1.2 + 100
        List<Double> rows = List.of(900.0, 1100.0, 1150.0, 1200.0, 1260.0, 1360.0);

        assertThat(Soak.judge(rows, 0, Soak.ROWS_SLACK)).isInstanceOf(Soak.Grows.class);
        // with a slack as large as the growth, the same series would pass: the slack is part of the rule
        assertThat(Soak.judge(rows, 0, 110)).isInstanceOf(Soak.Flat.class);
    }

    @Test
    void theBoundIsInclusiveAndAFallIsFlat() {
        // 100 × 1.2 + 25 = 145 exactly
        assertThat(Soak.judge(List.of(100.0, 120.0, 145.0), 0, Soak.LATENCY_SLACK_MS)).isInstanceOf(Soak.Flat.class);
        assertThat(Soak.judge(List.of(100.0, 120.0, 145.5), 0, Soak.LATENCY_SLACK_MS)).isInstanceOf(Soak.Grows.class);
        assertThat(Soak.judge(List.of(9000.0, 50.0, 10.0), 0, 0)).isInstanceOf(Soak.Flat.class);
    }

    @Test
    void aSmallBoundedTableIsNotCalledGrowingForItsNoise() {
        // an outbox between 0 and 40 rows: relative change is huge, absolute change is noise
        assertThat(Soak.judge(List.of(0.0, 12.0, 40.0, 3.0, 25.0, 38.0), 0, Soak.ROWS_SLACK))
                .isInstanceOf(Soak.Flat.class);
    }

    @Test
    void intervalsWithoutAValueAreLeftOutAndFewerThanThreeCannotBeJudged() {
        assertThat(Soak.judge(List.of(10.0, Double.NaN, 11.0), 0, 0)).isEqualTo(new Soak.TooShort(2, 0));
        assertThat(Soak.judge(List.of(), 0, 0)).isEqualTo(new Soak.TooShort(0, 0));
        assertThat(Soak.judge(List.of(10.0, Double.NaN, 11.0, 10.0), 0, 0)).isInstanceOf(Soak.Flat.class);
    }

    @Test
    void tablesAndProcessesAreSplitIntoGrowsWithRefundsAndMustStayBounded() {
        Soak soak = new Soak("soak-http", 20, "--rate", Duration.ofSeconds(30), NO_FILL_UP, List.of(
                sample(0.5, 600, 100, 512, 510, 600),
                sample(1.0, 1200, 101, 700, 511, 1200),
                sample(1.5, 1800, 99, 900, 512, 1800)));

        assertThat(soak.bounded()).extracting(Soak.Judged::series).containsExactly("p99 submit→decision ms",
                "p99 submit→email ms", "RSS MiB notifier", "rows evaluator.processed_event");
        assertThat(soak.bounded()).extracting(j -> j.verdict().text()).containsExactly("flat", "flat", "flat",
                "GROWS");
        assertThat(soak.growing()).extracting(Soak.Growth::series)
                .containsExactly("RSS MiB " + Benchmark.HARNESS_JVM, "rows intake.refund_case");
        Soak.Growth cases = soak.growing().get(1);
        assertThat(cases.perRefund()).isCloseTo(1.0, within(1e-9));
        assertThat(soak.markdown()).contains("| rows evaluator.processed_event | 600.0 | 1,800.0 | GROWS |")
                .contains("| rows intake.refund_case | 600.0 | 1,800.0 | 1.000 |");
    }

    @Test
    void theVmRssLineOfProcStatusIsReadInKibibytes() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 5349128 kB\n"
                + "VmHWM:\t  912340 kB\nVmRSS:\t  903112 kB\nRssAnon:\t  880000 kB\nThreads:\t57\n";

        assertThat(ProcessSampler.vmRssKb(status)).isEqualTo(903_112);
        assertThat(ProcessSampler.vmRssKb("Name:\tkthreadd\nState:\tS (sleeping)\n")).isZero();
        assertThatThrownBy(() -> ProcessSampler.vmRssKb("VmRSS:\t 12 MB\n")).hasMessageContaining("VmRSS");
    }

    @Test
    void theOwnProcessHasAResidentSize() {
        ProcessSampler sampler = new ProcessSampler();
        sampler.watch("self", () -> List.of(ProcessHandle.current().pid()));
        sampler.watch("gone", () -> List.of(Long.MAX_VALUE));

        Map<String, Double> rss = sampler.rssNowMb();

        assertThat(rss).containsOnlyKeys("self");
        assertThat(rss.get("self")).isPositive();
    }

    @Test
    void aJvmsCompilerCpuIsSampledAndAProcessWithoutCompilersHasNone() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try (ProcessSampler sampler = new ProcessSampler()) {
            sampler.watch("jvm", () -> List.of(ProcessHandle.current().pid()));
            sampler.watch("sleep", () -> List.of(sleeper.pid()));
            sampler.phase("p");

            sampler.start();
            Thread.sleep(2_500);

            Map<String, Double> compilers = sampler.compilerUsage("p");
            assertThat(compilers).containsOnlyKeys("jvm");
            assertThat(compilers.get("jvm")).isBetween(0.0, sampler.usage("p").get("jvm").cpuMax() + 1);
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void soakOptionsParseAndAreChecked() {
        Options o = Options.parse("--soak", "30m", "--soak-interval", "45s", "--latency-path", "kafka");

        assertThat(o.soak).isEqualTo(Duration.ofMinutes(30));
        assertThat(o.soakInterval).isEqualTo(Duration.ofSeconds(45));
        assertThat(o.rateGiven).isFalse();
        assertThat(Options.parse("--soak", "3m", "--rate", "20").rateGiven).isTrue();
        assertThat(Options.parse().soak).isNull();
        assertThat(Options.parse("--soak", "2m").soakInterval).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> Options.parse("--soak", "30s")).hasMessageContaining("--soak-interval");
        assertThatThrownBy(() -> Options.parse("--soak", "3m", "--peer", "operaton"))
                .hasMessageContaining("--peer");
    }

    @Test
    void anIntervalsLatenciesAreThoseOfTheRefundsThatCompletedInIt() {
        RefundLedger ledger = new RefundLedger();
        ledger.submitted("r-1", "soak", Scenario.SAAS, 0);
        ledger.decision("r-1", "d-1", "io.refundflow.refund.approved.v1", 10 * MS);
        ledger.notification("r-1", "n-1", "d-1", "SENT", 1200 * MS);
        ledger.submitted("r-2", "soak", Scenario.SAAS, 1000 * MS);
        ledger.decision("r-2", "d-2", "io.refundflow.refund.approved.v1", 1030 * MS);
        ledger.submitted("r-3", "other", Scenario.SAAS, 0);
        ledger.decision("r-3", "d-3", "io.refundflow.refund.approved.v1", 1020 * MS);
        Histogram toDecision = LatencySummary.newHistogram();
        Histogram toEmail = LatencySummary.newHistogram();

        ledger.arrivals("soak", 1000 * MS, 2000 * MS, toDecision, toEmail);

        assertThat(toDecision.getTotalCount()).isEqualTo(1);
        assertThat(LatencySummary.of(toDecision).p99()).isCloseTo(30.0, within(0.05));
        assertThat(toEmail.getTotalCount()).isEqualTo(1);
        assertThat(LatencySummary.of(toEmail).p99()).isCloseTo(1200.0, within(1.0));
    }

    @Test
    void aSoakRunsWithRetentionsShortEnoughToSeeItsSweptTablesStayBounded() {
        Map<String, String> intake = Tuning.soakRetention("refund-intake", Duration.ofMinutes(30));
        Map<String, String> notifier = Tuning.soakRetention("notifier", Duration.ofMinutes(3));

        assertThat(intake).containsEntry("refund.retention.processed-events", "PT5M")
                .containsEntry("refund.retention.sweep-interval", "PT1M15S")
                .containsEntry("refund.intake.idempotency.ttl", "PT5M");
        assertThat(notifier).containsEntry("refund.retention.processed-events", "PT1M")
                .doesNotContainKey("refund.intake.idempotency.ttl");
    }

    @Test
    void aSweptTableThatFillsUpToItsRetentionAndThenSawToothsIsFlat() {
        // the 30-minute soak: keys kept 5 min, swept every 75 s, so 6.25 min of fill-up to 8.4k–10.5k, then bounded
        Soak soak = soakOfKeys(Duration.ofMinutes(30), Map.of(), minute -> sweptKeys(minute));

        assertThat(soak.skipped()).isEqualTo(6);
        assertThat(verdictOf(soak, "rows " + KEYS)).isInstanceOf(Soak.Flat.class);
        assertThat(soak.bounded()).allSatisfy(j -> assertThat(j.verdict()).isInstanceOf(Soak.Flat.class));
        assertThat(soak.markdown())
                .contains("Fill-up: 6.3 min (refund-intake's refund.retention.processed-events=PT5M + its"
                        + " refund.retention.sweep-interval=PT1M15S)")
                .contains("Skipped: 6 samples, at 1.0–6.0 min (marked *fill-up* below); judged: the 24 from 7.0"
                        + " min on.")
                .contains("| 6.0 *fill-up* |").contains("| 7.0 |");
    }

    @Test
    void aSweptTableThatKeepsGrowingAfterItsFillUpGrows() {
        // the same fill-up and saw-tooth, but 300 rows a minute the sweep does not take: a leak of the kind the
        // soak is for
        Soak soak = soakOfKeys(Duration.ofMinutes(30), Map.of(),
                minute -> sweptKeys(minute) + 300.0 * Math.max(0, minute - 6));

        assertThat(verdictOf(soak, "rows " + KEYS)).isInstanceOf(Soak.Grows.class);
    }

    @Test
    void aSoakWithTooFewSamplesAfterItsFillUpSaysSoInsteadOfCallingItFlat() {
        // 3 minutes: retention 1 min, sweep 15 s, so the sample at 1 min is in the fill-up and two are left
        Soak shortSoak = soakOfKeys(Duration.ofMinutes(3), Map.of(), minute -> 1000.0);
        // a retention given with --prop that outlasts the whole soak: nothing is left to judge
        Soak outlasted = soakOfKeys(Duration.ofMinutes(3), Map.of("refund.intake.idempotency.ttl", "10m"),
                minute -> 1000.0);

        assertThat(shortSoak.bounded()).allSatisfy(j -> assertThat(j.verdict()).isEqualTo(new Soak.TooShort(2, 1)));
        assertThat(verdictOf(shortSoak, "rows " + KEYS).text())
                .isEqualTo("not enough samples: 2 after the 1 taken within the fill-up, 3 needed");
        assertThat(outlasted.bounded()).allSatisfy(j -> assertThat(j.verdict()).isEqualTo(new Soak.TooShort(0, 3)));
        assertThat(outlasted.markdown()).contains("Skipped: 3 samples, at 1.0–3.0 min (marked *fill-up* below);"
                + " none is left to judge.").doesNotContain("| flat |");
    }

    @Test
    void theFillUpIsTheLongestRetentionTheServicesAreGivenPlusThatServicesSweepInterval() {
        Map<String, Map<String, String>> soak = soakProperties(Duration.ofMinutes(30), Map.of());
        Map<String, Map<String, String>> longerKeys = soakProperties(Duration.ofMinutes(30),
                Map.of("refund.intake.idempotency.ttl", "10m"));

        assertThat(Tuning.soakFillUp(soak).time()).isEqualTo(Duration.ofMinutes(6).plusSeconds(15));
        assertThat(Tuning.soakFillUp(longerKeys)).isEqualTo(new Soak.FillUp(Duration.ofMinutes(11).plusSeconds(15),
                "refund-intake's refund.intake.idempotency.ttl=10m + its refund.retention.sweep-interval=PT1M15S"));
    }

    /** Idempotency keys at 28/s, kept 5 min, swept every 75 s from the soak's start: rows at the end of a minute. */
    private static double sweptKeys(int minute) {
        long seconds = minute * 60L;
        long lastSweep = seconds / 75 * 75;
        long sweptUpTo = Math.max(0, lastSweep - Duration.ofMinutes(5).toSeconds());
        return KEYS_PER_SECOND * (seconds - sweptUpTo);
    }

    /** The services' properties of a soak, with {@code intake} added to refund-intake's as a --prop would. */
    private static Map<String, Map<String, String>> soakProperties(Duration duration, Map<String, String> intake) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (String service : Benchmark.SERVICES) {
            Map<String, String> p = new LinkedHashMap<>(Tuning.soakRetention(service, duration));
            if (service.equals("refund-intake")) {
                p.putAll(intake);
            }
            all.put(service, p);
        }
        return all;
    }

    /** A soak sampled every minute, its fill-up from its services' properties, flat but for the keys' rows. */
    private static Soak soakOfKeys(Duration duration, Map<String, String> intake, IntFunction<Double> keys) {
        List<Soak.Sample> samples = new ArrayList<>();
        for (int minute = 1; minute <= duration.toMinutes(); minute++) {
            long submitted = KEYS_PER_SECOND * 60L * minute;
            samples.add(new Soak.Sample(minute, submitted, 40, 900, Map.of("refund-intake", 610.0),
                    Map.of(KEYS, Math.round(keys.apply(minute)), "intake.outbox_event", 20L,
                            "intake.refund_case", submitted)));
        }
        return new Soak("soak-http", KEYS_PER_SECOND, "--rate", Duration.ofMinutes(1),
                Tuning.soakFillUp(soakProperties(duration, intake)), samples);
    }

    private static Soak.Verdict verdictOf(Soak soak, String series) {
        return soak.bounded().stream().filter(j -> j.series().equals(series)).findFirst().orElseThrow().verdict();
    }

    private static Soak.Sample sample(double minutes, long submitted, double p99, double harnessRss,
            double notifierRss, long rows) {
        return new Soak.Sample(minutes, submitted, p99, p99 * 2,
                Map.of("notifier", notifierRss, Benchmark.HARNESS_JVM, harnessRss),
                Map.of("evaluator.processed_event", rows, "intake.refund_case", rows));
    }
}
