package io.refundflow.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a soak saw, interval by interval, and whether each series stayed flat. A series either grows with the
 * refunds by design (the cases, decisions, ledger and emails a refund leaves behind; the benchmark JVM, which keeps
 * every refund's entry, its emails' Message-IDs in it) and is shown with its growth per refund, or must stay bounded (every
 * other table, every other process's RSS, the p99 latencies) and is judged by {@link #judge} on the samples taken
 * after the {@link FillUp}.
 */
record Soak(String phase, int rate, String rateSource, Duration interval, FillUp fillUp, List<Sample> samples) {

    /** A bounded series is flat when its last third's mean is at most its first third's mean times this ... */
    static final double TOLERANCE = 1.20;
    /** ... plus an absolute slack per kind of series, so that noise on a small figure is not called growth. */
    static final double RSS_SLACK_MB = 32;
    static final double LATENCY_SLACK_MS = 25;
    static final double ROWS_SLACK = 100;

    /** Tables a refund adds rows to for good: expected to grow linearly with the refunds, not judged. */
    static final Set<String> GROWS_WITH_REFUNDS = Set.of("billing_order", "decision", "email_delivery", "evidence",
            "ledger_entry", "manual_review", "order_ledger", "order_refund", "refund_case", "refund_request",
            "review_evidence", "submission", "timeline_entry");

    /**
     * How long from the soak's start until its bounded series can be at their steady state, and why: the longest
     * retention the services are given plus that service's sweep interval ({@link Tuning#soakFillUp}). Until then a
     * swept table legitimately fills up (at steady state it holds the rows of one retention plus at most one sweep
     * interval's, all written by the soak), so a sample taken earlier would make a bounded table look as if it grew.
     */
    record FillUp(Duration time, String because) {
    }

    /** One sample at the end of an interval; a p99 is NaN when nothing arrived in the interval. */
    record Sample(double minutes, long submitted, double decisionP99Ms, double emailP99Ms, Map<String, Double> rssMb,
            Map<String, Long> rows) {
    }

    /** The outcome of the flatness rule for one series. */
    sealed interface Verdict permits Flat, Grows, TooShort {
        String text();

        /** The means the rule compared; NaN when it could not compare. */
        double firstThird();

        double lastThird();
    }

    record Flat(double firstThird, double lastThird) implements Verdict {
        public String text() {
            return "flat";
        }
    }

    record Grows(double firstThird, double lastThird) implements Verdict {
        public String text() {
            return "GROWS";
        }
    }

    /** Fewer than three samples with a value after the fill-up: no thirds to compare, so no verdict either way. */
    record TooShort(int judged, int skipped) implements Verdict {
        public String text() {
            return String.format("not enough samples: %d after the %d taken within the fill-up, 3 needed", judged,
                    skipped);
        }

        public double firstThird() {
            return Double.NaN;
        }

        public double lastThird() {
            return Double.NaN;
        }
    }

    /** A bounded series' name, its values per interval, and its verdict. */
    record Judged(String series, List<Double> values, Verdict verdict) {
    }

    /** A series that grows with the refunds: its first and last sample and its growth per refund between them. */
    record Growth(String series, double first, double last, double perRefund) {
    }

    /**
     * The flatness rule: skip the first {@code skip} samples (those within the fill-up), split the rest into thirds
     * (the middle one absorbs the remainder); flat when the last third's mean ≤ the first third's mean ×
     * {@link #TOLERANCE} + {@code slack}. A fall is flat too. Samples without a value (NaN: no refund completed in
     * that interval) are left out.
     */
    static Verdict judge(List<Double> values, int skip, double slack) {
        int skipped = Math.min(skip, values.size());
        List<Double> present = values.subList(skipped, values.size()).stream().filter(v -> !v.isNaN()).toList();
        int n = present.size();
        if (n < 3) {
            return new TooShort(n, skipped);
        }
        int third = n / 3;
        double first = mean(present.subList(0, third));
        double last = mean(present.subList(n - third, n));
        return last <= first * TOLERANCE + slack ? new Flat(round(first), round(last))
                : new Grows(round(first), round(last));
    }

    static boolean growsWithRefunds(String table) {
        return GROWS_WITH_REFUNDS.contains(table.substring(table.lastIndexOf('.') + 1));
    }

    static boolean growsWithRefundsProcess(String group) {
        return group.equals(Benchmark.HARNESS_JVM);
    }

    /**
     * Every series that must stay bounded: p99s, RSS of every process but the benchmark's, bounded tables. All are
     * judged after the same fill-up, RSS and p99s too: until it the swept tables are still filling and their sweep
     * has deleted nothing yet, so PostgreSQL's RSS (the buffers of those tables) and the p99s (the sweep's deletes
     * compete with the refunds) are not at their steady state either; the services' JIT and heap warm-up is an early
     * transient as well, whose RSS ramp would be called growth and whose high early p99 would hide a later rise. A
     * leak keeps growing after the fill-up, and is judged there.
     */
    List<Judged> bounded() {
        List<Judged> out = new ArrayList<>();
        out.add(judged("p99 submit→decision ms", Sample::decisionP99Ms, LATENCY_SLACK_MS));
        out.add(judged("p99 submit→email ms", Sample::emailP99Ms, LATENCY_SLACK_MS));
        for (String group : processes()) {
            if (!growsWithRefundsProcess(group)) {
                out.add(judged("RSS MiB " + group, s -> s.rssMb().getOrDefault(group, Double.NaN), RSS_SLACK_MB));
            }
        }
        for (String table : tables()) {
            if (!growsWithRefunds(table)) {
                out.add(judged("rows " + table, s -> rowsOf(s, table), ROWS_SLACK));
            }
        }
        return out;
    }

    /** The leading samples taken before the fill-up's end: not judged. */
    int skipped() {
        return (int) samples.stream().takeWhile(this::beforeFillUp).count();
    }

    private boolean beforeFillUp(Sample s) {
        return s.minutes() * 60_000 < fillUp.time().toMillis();
    }

    /** Every series that grows with the refunds, with its growth per refund submitted between first and last. */
    List<Growth> growing() {
        List<Growth> out = new ArrayList<>();
        for (String group : processes()) {
            if (growsWithRefundsProcess(group)) {
                out.add(growth("RSS MiB " + group, s -> s.rssMb().getOrDefault(group, Double.NaN)));
            }
        }
        for (String table : tables()) {
            if (growsWithRefunds(table)) {
                out.add(growth("rows " + table, s -> rowsOf(s, table)));
            }
        }
        return out;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format("%n### Soak: %s at a fixed %d refunds/s (%s) for %s, sampled every %s%n%n", phase,
                rate, rateSource, minutes(samples.isEmpty() ? 0 : samples.get(samples.size() - 1).minutes()),
                minutes(interval.toMillis() / 60_000.0)));
        md.append(String.format("Rule: a series that must stay bounded is *flat* when the mean of its last third of"
                + " samples ≤ the mean of its first third × %.2f + a slack (RSS %.0f MiB, p99 %.0f ms, rows %.0f); a"
                + " fall is flat. The p99s are of the refunds whose decision / email arrived in the interval. Rows:"
                + " exact `count(*)` of every table of every service schema. RSS: `VmRSS` of each process (PostgreSQL:"
                + " all its server processes together).%n%n", TOLERANCE, RSS_SLACK_MB, LATENCY_SLACK_MS, ROWS_SLACK));
        md.append(String.format("Fill-up: %s (%s). A table kept by a retention sweep fills up for that long from the"
                + " soak's start before it can be at its steady state (one retention's rows plus at most one sweep"
                + " interval's), so every bounded series is judged on the samples from then on only. %s%n%n",
                minutes(fillUp.time().toMillis() / 60_000.0), fillUp.because(), skippedText()));
        List<String> processes = processes();
        md.append("| min | refunds submitted | p99 submit→decision ms | p99 submit→email ms |");
        processes.forEach(g -> md.append(" RSS MiB ").append(g).append(" |"));
        md.append("\n|---:|---:|---:|---:|").append("---:|".repeat(processes.size())).append("\n");
        for (Sample s : samples) {
            md.append(String.format("| %s | %,d | %s | %s |", minute(s), s.submitted(), ms(s.decisionP99Ms()),
                    ms(s.emailP99Ms())));
            processes.forEach(g -> md.append(String.format(" %.0f |", s.rssMb().getOrDefault(g, Double.NaN))));
            md.append("\n");
        }
        rowsTable(md, "Rows of the tables that must stay bounded", tables().stream()
                .filter(t -> !growsWithRefunds(t)).toList());
        rowsTable(md, "Rows of the tables that grow with refunds", tables().stream()
                .filter(Soak::growsWithRefunds).toList());
        md.append("\n**Must stay bounded** (flat or not):\n\n| series | first third mean | last third mean | verdict |\n"
                + "|---|---:|---:|---|\n");
        for (Judged j : bounded()) {
            md.append(String.format("| %s | %s | %s | %s |%n", j.series(), num(j.verdict().firstThird()),
                    num(j.verdict().lastThird()), j.verdict().text()));
        }
        md.append("\n**Grows with refunds** (expected to grow linearly; not judged):\n\n| series | first sample |"
                + " last sample | growth per refund submitted |\n|---|---:|---:|---:|\n");
        for (Growth g : growing()) {
            md.append(String.format("| %s | %s | %s | %s |%n", g.series(), num(g.first()), num(g.last()),
                    Double.isNaN(g.perRefund()) ? "–" : String.format("%.3f", g.perRefund())));
        }
        return md.toString();
    }

    /** For results.json: the samples, each bounded series' verdict, each growing series' growth. */
    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", phase);
        out.put("rate", rate);
        out.put("rateSource", rateSource);
        out.put("intervalSeconds", interval.toMillis() / 1000.0);
        out.put("fillUpSeconds", fillUp.time().toMillis() / 1000.0);
        out.put("fillUpBecause", fillUp.because());
        out.put("skippedSamples", skipped());
        out.put("samples", samples);
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (Judged j : bounded()) {
            verdicts.add(Map.of("series", j.series(), "verdict", j.verdict().text(), "detail", j.verdict()));
        }
        out.put("mustStayBounded", verdicts);
        out.put("growsWithRefunds", growing());
        return out;
    }

    private void rowsTable(StringBuilder md, String title, List<String> tables) {
        md.append("\n").append(title).append(":\n\n| min |");
        tables.forEach(t -> md.append(" ").append(t).append(" |"));
        md.append("\n|---:|").append("---:|".repeat(tables.size())).append("\n");
        for (Sample s : samples) {
            md.append(String.format("| %s |", minute(s)));
            tables.forEach(t -> md.append(String.format(" %,d |", s.rows().getOrDefault(t, 0L))));
            md.append("\n");
        }
    }

    private Judged judged(String series, Function<Sample, Double> value, double slack) {
        List<Double> values = samples.stream().map(value).toList();
        return new Judged(series, values, judge(values, skipped(), slack));
    }

    private String skippedText() {
        int skipped = skipped();
        if (skipped == 0) {
            return "Skipped: none.";
        }
        String at = skipped == 1 ? String.format("1 sample, at %.1f min", samples.get(0).minutes())
                : String.format("%d samples, at %.1f–%.1f min", skipped, samples.get(0).minutes(),
                        samples.get(skipped - 1).minutes());
        String judged = skipped == samples.size() ? "none is left to judge"
                : String.format("judged: the %d from %.1f min on", samples.size() - skipped,
                        samples.get(skipped).minutes());
        return String.format("Skipped: %s (marked *fill-up* below); %s.", at, judged);
    }

    private String minute(Sample s) {
        return String.format(beforeFillUp(s) ? "%.1f *fill-up*" : "%.1f", s.minutes());
    }

    private Growth growth(String series, Function<Sample, Double> value) {
        if (samples.isEmpty()) {
            return new Growth(series, Double.NaN, Double.NaN, Double.NaN);
        }
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        long refunds = last.submitted() - first.submitted();
        double growth = value.apply(last) - value.apply(first);
        return new Growth(series, value.apply(first), value.apply(last), refunds == 0 ? Double.NaN : growth / refunds);
    }

    private List<String> processes() {
        Set<String> all = new LinkedHashSet<>();
        samples.forEach(s -> all.addAll(s.rssMb().keySet()));
        return List.copyOf(all);
    }

    private List<String> tables() {
        Set<String> all = new LinkedHashSet<>();
        samples.forEach(s -> all.addAll(s.rows().keySet()));
        return List.copyOf(all);
    }

    private static double rowsOf(Sample s, String table) {
        Long rows = s.rows().get(table);
        return rows == null ? Double.NaN : rows;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : LatencySummary.fmt(v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format("%,.1f", v);
    }

    private static String minutes(double m) {
        return m >= 1 ? String.format("%.1f min", m) : String.format("%.0f s", m * 60);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
