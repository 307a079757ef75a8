package io.refundflow.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Samples a soak at the end of every interval while it drives: RSS of every process, the p99s of the refunds
 * completed in the interval, and the rows of every table. Its own thread, so that the fixed-rate driver never
 * waits on a count.
 */
final class SoakWatch implements AutoCloseable {

    private final String phase;
    private final Duration interval;
    private final Duration duration;
    private final RefundLedger ledger;
    private final ProcessSampler processes;
    private final TableRows tables;
    private final List<Soak.Sample> samples = new ArrayList<>();
    private Thread thread;

    SoakWatch(String phase, Duration interval, Duration duration, RefundLedger ledger, ProcessSampler processes,
            TableRows tables) {
        this.phase = phase;
        this.interval = interval;
        this.duration = duration;
        this.ledger = ledger;
        this.processes = processes;
        this.tables = tables;
    }

    /** Starts sampling, the first sample one interval after {@code startNanos} (the soak's start). */
    void start(long startNanos) {
        long count = duration.toNanos() / interval.toNanos();
        thread = new Thread(() -> {
            long from = startNanos;
            for (long k = 1; k <= count; k++) {
                long at = startNanos + k * interval.toNanos();
                long wait;
                while ((wait = at - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                Soak.Sample s = sample(from, at, (at - startNanos) / 60e9);
                from = at;
                synchronized (samples) {
                    samples.add(s);
                }
                System.out.printf("  [soak %5.1f min] submitted %d  p99 decision %s ms  p99 email %s ms  RSS %s%n",
                        s.minutes(), s.submitted(), s.decisionP99Ms(), s.emailP99Ms(), s.rssMb());
            }
        }, "soak-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private Soak.Sample sample(long from, long to, double minutes) {
        Histogram toDecision = LatencySummary.newHistogram();
        Histogram toEmail = LatencySummary.newHistogram();
        ledger.arrivals(phase, from, to, toDecision, toEmail);
        return new Soak.Sample(Math.round(minutes * 10) / 10.0, ledger.counters(phase).submitted.get(),
                LatencySummary.of(toDecision).p99(), LatencySummary.of(toEmail).p99(), processes.rssNowMb(),
                tables.count());
    }

    /** Waits for the last sample (one interval's sampling at most after the soak's end) and answers them all. */
    List<Soak.Sample> samples() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
