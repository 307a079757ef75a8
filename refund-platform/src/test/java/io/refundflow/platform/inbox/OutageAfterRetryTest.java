package io.refundflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRejected;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * A record of a batch that first fails in a way retried for a budget, and then in a database outage that lasts
 * longer than that budget: it is retried until the database is back, and kept, never dead-lettered (giving up in
 * an outage would lose it).
 */
@SpringBootTest(properties = {"refund.kafka.retry.max-elapsed=1s",
        "spring.application.name=platform-outage-after-retry-test"})
@WithRealInfrastructure
@Import(ScriptedDecisions.Configuration.class)
class OutageAfterRetryTest {

    /** Retries in the outage: with back-offs of 200, 400, 800 and 1600 ms they span three times the 1 s budget. */
    private static final int OUTAGE_RETRIES = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ScriptedDecisions decisions;

    @Test
    void aRecordThatFailsInAnOutageAfterFailingRetryablyIsRetriedUntilTheOutageEnds() {
        // given a decision that fails as if its order were not in the billing copy yet, and one behind it
        String refundId = "r-outage-" + UUID.randomUUID();
        EventEnvelope<RefundRejected> suspect = decisions.decision(refundId);
        EventEnvelope<RefundRejected> after = decisions.decision(refundId);
        decisions.failWith(suspect.id(), () -> new IllegalStateException("order not in the billing copy yet"));
        decisions.publishAndListen(suspect, after);
        Awaitility.await().atMost(WAIT).until(() -> decisions.failedAttempts(suspect.id()) > 0);

        // when the database goes away for longer than that failure's retry budget, then comes back
        decisions.failWith(suspect.id(), () -> new CannotGetJdbcConnectionException("database refused the connection"));
        int beforeOutage = decisions.failedAttempts(suspect.id());
        Awaitility.await().atMost(WAIT)
                .until(() -> decisions.failedAttempts(suspect.id()) >= beforeOutage + OUTAGE_RETRIES);
        decisions.failWith(suspect.id(), null);

        // then both decisions are kept, in their order, and none was dead-lettered
        Awaitility.await().atMost(WAIT).until(() -> decisions.stored(refundId).size() == 2);
        assertThat(decisions.stored(refundId)).containsExactly(suspect.id(), after.id());
        assertThat(decisions.deadLettersNow(suspect.id(), WAIT)).isEmpty();
    }
}
