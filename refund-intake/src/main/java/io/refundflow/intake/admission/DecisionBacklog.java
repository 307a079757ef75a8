package io.refundflow.intake.admission;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many refunds intake accepted that the review step has not answered yet: cases SUBMITTED within the last
 * {@code window}, as a sample at most {@code sampleInterval} old.
 *
 * <p>Why: by Little's law the refunds accepted but not yet decided, divided by the rate the pipeline decides them,
 * is how long an accepted refund waits for its decision. The admission gate bounds the requests in flight in
 * intake, not the refunds in flight in the pipeline: at twice the capacity intake kept accepting faster than
 * policy-evaluator decided, and the accepted refunds waited 9 s (p99) for their decisions. Bounding this count bounds
 * that wait. It is read from PostgreSQL, so every intake instance sees the same backlog (one count by the partial
 * index {@code refund_case_awaiting_decision}).
 *
 * <p>Only cases submitted within {@code window} count: a case can stay SUBMITTED for hours for reasons that are not
 * load (the evaluator holds a request until billing's order arrives, or a request whose decision was lost); counted
 * for ever, a few of those would shut the door for everybody. A SUBMITTED case's {@code updated_at} is when it was
 * submitted: nothing writes a case while it waits for the review step but the move out of SUBMITTED.
 *
 * <p>Sampled lazily: only a submission asks ({@link #undecided}), so an idle service sends no query, and only when
 * the sample is due does one thread, the first to see it due, count while the others go on with the last sample:
 * no lock, no convoy on the hot path, at most one query per interval per instance. If the count fails (PostgreSQL
 * away), the last sample stays: the gate does not answer for the database, the requests' own work does.
 */
public class DecisionBacklog {

    private static final Logger log = LoggerFactory.getLogger(DecisionBacklog.class);

    /** A count and when it was taken ({@link System#nanoTime}). */
    private record Sample(long undecided, long takenAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration window;
    private final long intervalNanos;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Sample last;
    /** Whether the last count failed, so that an outage is logged once, not once per interval. */
    private volatile boolean failing;

    DecisionBacklog(JdbcTemplate jdbc, Clock clock, Duration window, Duration sampleInterval) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = window;
        this.intervalNanos = sampleInterval.toNanos();
        // due at once: the first submission counts
        this.last = new Sample(0, System.nanoTime() - intervalNanos);
    }

    /** Refunds submitted within the window that the review step has not answered, counted at most an interval ago. */
    public long undecided() {
        Sample sample = last;
        if (System.nanoTime() - sample.takenAt() >= intervalNanos && refreshing.compareAndSet(false, true)) {
            try {
                sample = count(sample);
                last = sample;
            } finally {
                refreshing.set(false);
            }
        }
        return sample.undecided();
    }

    /** The last sample, however old, without counting (for the gauge: a scrape must not query). */
    public long sampled() {
        return last.undecided();
    }

    private Sample count(Sample previous) {
        try {
            Long undecided = jdbc.queryForObject(
                    "select count(*) from refund_case where status = 'SUBMITTED' and updated_at >= ?", Long.class,
                    Timestamp.from(clock.instant().minus(window)));
            if (failing) {
                failing = false;
                log.info("decision backlog counted again: {} refunds wait for their decision", undecided);
            }
            return new Sample(undecided == null ? 0 : undecided, System.nanoTime());
        } catch (DataAccessException e) {
            if (!failing) {
                failing = true;
                log.warn("decision backlog not counted, the last count ({}) stays until it is: {}",
                        previous.undecided(), e.getMessage());
            }
            // the failed attempt counts as a sample, so that an outage costs one attempt per interval, not per request
            return new Sample(previous.undecided(), System.nanoTime());
        }
    }
}
