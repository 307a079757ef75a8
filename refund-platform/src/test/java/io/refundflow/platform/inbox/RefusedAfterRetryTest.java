package io.refundflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.RefundRejected;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * A record of a batch that first fails in a way worth retrying, and then, on a later delivery, in a way that is
 * not (a decision for an order the billing copy does not hold yet, refused as forged once the order is there):
 * it is dead-lettered at once with the refusal as cause, and the records behind it go on. The retry budget is
 * set far beyond the wait, so only the refusal itself can end the retries in time.
 */
@SpringBootTest(properties = {"refund.kafka.retry.max-elapsed=10m",
        "spring.application.name=platform-refused-after-retry-test"})
@WithRealInfrastructure
@Import(ScriptedDecisions.Configuration.class)
class RefusedAfterRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ScriptedDecisions decisions;

    @Test
    void aRecordRefusedAfterFailingRetryablyIsDeadLetteredAtOnce() {
        assertRefusedAtOnceAfter(() -> new IllegalStateException("order not in the billing copy yet"));
    }

    @Test
    void aRecordRefusedAfterFailingInADatabaseOutageIsDeadLetteredAtOnce() {
        assertRefusedAtOnceAfter(() -> new CannotGetJdbcConnectionException("database refused the connection"));
    }

    private void assertRefusedAtOnceAfter(Supplier<RuntimeException> firstFailure) {
        // given a good decision, a suspect one that fails as scripted, and a good one, on one partition
        String refundId = "r-refused-" + UUID.randomUUID();
        EventEnvelope<RefundRejected> before = decisions.decision(refundId);
        EventEnvelope<RefundRejected> suspect = decisions.decision(refundId);
        EventEnvelope<RefundRejected> after = decisions.decision(refundId);
        decisions.failWith(suspect.id(), firstFailure);
        decisions.publishAndListen(before, suspect, after);

        // when the suspect has failed that way, and from then on it is refused as breaking the contract
        Awaitility.await().atMost(WAIT).until(() -> decisions.failedAttempts(suspect.id()) > 0);
        decisions.failWith(suspect.id(), () -> new InvalidEventException("recipient: forged, refused by the test"));

        // then it is dead-lettered within the wait, well inside its retry budget, naming the refusal
        ConsumerRecord<String, byte[]> dead = decisions.awaitDeadLetters(suspect.id(), 1, WAIT).get(0);
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-fqcn"))
                .isEqualTo(InvalidEventException.class.getName());
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-message"))
                .isEqualTo("recipient: forged, refused by the test");

        // and the decisions around it are each kept once
        Awaitility.await().atMost(WAIT).until(() -> decisions.stored(refundId).size() == 2);
        assertThat(decisions.stored(refundId)).containsExactly(before.id(), after.id());
    }
}
