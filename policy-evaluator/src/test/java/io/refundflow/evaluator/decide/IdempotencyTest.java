package io.refundflow.evaluator.decide;

import static io.refundflow.evaluator.Fixtures.SOURCE;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A redelivered or duplicated request yields no second decision. */
@EvaluatorTest
class IdempotencyTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The service's consumer group (spring.application.name). */
    static final String GROUP = "policy-evaluator";
    static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theSameRequestEventDeliveredTwiceIsDecidedOnce() {
        // given a known order
        String orderId = id("o");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.saas(orderId, "c-1", daysAgo(1)), clock));
        EventEnvelope<RefundRequested> request =
                EventEnvelope.of(SOURCE, Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED), clock);

        // when the same event (same id) arrives twice, as after a producer retry or a consumer redelivery
        kafka.publish(request);
        RecordMetadata again = kafka.publish(request);
        kafka.awaitConsumed(GROUP, again, WAIT);

        // then exactly one decision is stored and published
        assertThat(kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT).get(0).data())
                .isInstanceOf(RefundApproved.class);
        assertOnlyOneDecision(refundId);
    }

    @Test
    void aSecondRequestForTheSameRefundIdWithANewEventIdIsNotDecidedAgain() {
        // given a refund already decided
        String orderId = id("o");
        String refundId = id("r");
        kafka.publish(EventEnvelope.of(Fixtures.BILLING, Fixtures.saas(orderId, "c-1", daysAgo(1)), clock));
        kafka.publish(EventEnvelope.of(SOURCE, Fixtures.request(refundId, orderId, "c-1", Ground.UNSATISFIED), clock));
        kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT);

        // when intake publishes a request for the same refund id again, under a new event id (a producer from
        // another source would be dead-lettered before the refund id is looked at)
        EventEnvelope<RefundRequested> another = EventEnvelope.of(SOURCE,
                Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE), clock);
        kafka.publish(another);
        LedgerRows.awaitProcessed(jdbc, another.id());

        // then nothing new is decided
        assertOnlyOneDecision(refundId);
        assertThat(jdbc.queryForObject("select ground from evaluator.decision where refund_id = ?", String.class,
                refundId)).isEqualTo("UNSATISFIED");
    }

    /** Once the repeated request was consumed: one decision stored, and the whole topic holds one for the refund. */
    private void assertOnlyOneDecision(String refundId) {
        LedgerRows.awaitRelayed(jdbc, refundId);
        assertThat(kafka.readToEnd(Topics.DECISIONS, KafkaTestClient.withKey(refundId), WAIT)).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from evaluator.decision where refund_id = ?", Integer.class,
                refundId)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from evaluator.refund_request where refund_id = ?",
                Integer.class, refundId)).isOne();
    }
}
