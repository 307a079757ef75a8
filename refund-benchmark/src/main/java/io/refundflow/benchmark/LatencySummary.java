package io.refundflow.benchmark;

import org.HdrHistogram.Histogram;

/** p50 / p95 / p99 / max of a latency histogram recorded in microseconds, reported in milliseconds. */
public record LatencySummary(long count, double p50, double p95, double p99, double max, double mean) {

    /** A histogram for latencies from 1 µs to 10 minutes with 3 significant digits. */
    public static Histogram newHistogram() {
        return new Histogram(600_000_000L, 3);
    }

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), Math.round(h.getMean() / 10.0) / 100.0);
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    /** {@code p50 / p95 / p99 / max} in ms, e.g. {@code 12.3 / 20.1 / 31.0 / 55.2}. */
    public String text() {
        if (count == 0) {
            return "–";
        }
        return fmt(p50) + " / " + fmt(p95) + " / " + fmt(p99) + " / " + fmt(max);
    }

    static String fmt(double ms) {
        if (ms >= 100) {
            return String.format("%.0f", ms);
        }
        return String.format("%.1f", ms);
    }
}
