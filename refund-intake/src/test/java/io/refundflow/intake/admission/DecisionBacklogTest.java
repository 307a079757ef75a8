package io.refundflow.intake.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.intake.IntakeTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The backlog is counted lazily, at most once an interval, by one thread while the others go on with the last
 * sample. Counted on the run's PostgreSQL at a clock a century ahead, so that only this test's cases (submitted
 * then) are in its window, whatever the other tests left SUBMITTED.
 */
@IntakeTest
class DecisionBacklogTest {

    private static final Instant AHEAD = Instant.parse("2126-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(AHEAD, ZoneOffset.UTC);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String PREFIX = "BACKLOG-" + UUID.randomUUID() + "-";
    /** Far beyond an answer given at once, however busy the machine; far below the blocked count's wait. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void removeTheCasesAhead() {
        jdbc.update("delete from refund_case where case_number like ?", PREFIX + "%");
    }

    @Test
    void nothingIsCountedUntilASubmissionAsksAndASampleServesItsWholeInterval() {
        // given two refunds waiting for their decision, and a backlog sampled at most once an hour
        submitted(2);
        Counting counting = new Counting(dataSource);
        DecisionBacklog backlog = new DecisionBacklog(counting, CLOCK, WINDOW, Duration.ofHours(1));

        // when nobody asks but the gauge, then nothing is counted
        assertThat(backlog.sampled()).isZero();
        assertThat(counting.queries.get()).isZero();

        // when a submission asks, one more refund is submitted, and another submission asks within the hour
        long first = backlog.undecided();
        submitted(1);
        long second = backlog.undecided();

        // then both had the one count taken for the first
        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo(2);
        assertThat(counting.queries.get()).isEqualTo(1);
        // and a backlog whose sample is due counts them all
        assertThat(new DecisionBacklog(jdbc, CLOCK, WINDOW, Duration.ZERO).undecided()).isEqualTo(3);
    }

    @Test
    void onlyTheRefundsSubmittedWithinTheWindowCount() {
        // given two refunds submitted just now and one submitted longer ago than the window
        submitted(2);
        submittedAt(AHEAD.minus(WINDOW).minusSeconds(1));

        // when the backlog is counted, then the older one is not in it
        assertThat(new DecisionBacklog(jdbc, CLOCK, WINDOW, Duration.ZERO).undecided()).isEqualTo(2);
    }

    @Test
    void whileOneThreadCountsTheOthersAnswerWithTheLastSampleAtOnce() throws Exception {
        // given a backlog counted once (two refunds) and due again at every ask
        submitted(2);
        Counting counting = new Counting(dataSource);
        DecisionBacklog backlog = new DecisionBacklog(counting, CLOCK, WINDOW, Duration.ZERO);
        assertThat(backlog.undecided()).isEqualTo(2);
        submitted(1);

        // when one submission's count is held up in the database
        CountDownLatch release = counting.holdNextCount();
        ExecutorService threads = Executors.newFixedThreadPool(9);
        try {
            CompletableFuture<Long> counter = CompletableFuture.supplyAsync(backlog::undecided, threads);
            await().atMost(PROMPTLY).until(() -> counting.holding.get() == 1);

            // and eight more submissions ask meanwhile
            List<CompletableFuture<Long>> others = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(backlog::undecided, threads)).toList();

            // then each is answered at once with the last sample, sending no query of its own
            for (CompletableFuture<Long> other : others) {
                assertThat(other.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(2);
            }
            assertThat(counting.queries.get()).isEqualTo(2);
            assertThat(counter).isNotDone();
            // and the held count, let go, is the new sample
            release.countDown();
            assertThat(counter.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(3);
            assertThat(backlog.sampled()).isEqualTo(3);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /** Refunds submitted at the clock's instant, waiting for their decision. */
    private void submitted(int count) {
        for (int i = 0; i < count; i++) {
            submittedAt(AHEAD);
        }
    }

    private void submittedAt(Instant at) {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                insert into refund_case (case_id, case_number, customer_id, order_id, channel, opened_by, status,
                    current_refund_id, created_at, updated_at)
                values (?, ?, 'c-backlog', ?, 'WEB', 'c-backlog', 'SUBMITTED', ?, ?, ?)""",
                id, PREFIX + id, "o-" + id, "r-" + id, Timestamp.from(at), Timestamp.from(at));
    }

    /** The real database's answers, counted; the next count held until let go when asked to. */
    private static final class Counting extends JdbcTemplate {

        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger holding = new AtomicInteger();
        private volatile CountDownLatch hold;

        Counting(DataSource dataSource) {
            super(dataSource);
        }

        CountDownLatch holdNextCount() {
            hold = new CountDownLatch(1);
            return hold;
        }

        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) throws DataAccessException {
            queries.incrementAndGet();
            CountDownLatch held = hold;
            if (held != null) {
                hold = null;
                holding.incrementAndGet();
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.queryForObject(sql, requiredType, args);
        }
    }
}
