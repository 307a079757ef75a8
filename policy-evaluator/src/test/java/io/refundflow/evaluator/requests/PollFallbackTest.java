package io.refundflow.evaluator.requests;

import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.WAIT;
import static io.refundflow.evaluator.LedgerRows.awaitRelayed;
import static io.refundflow.evaluator.LedgerRows.awaitTrue;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows.Row;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A poll of refund requests that cannot be handled as a set, over the real broker and PostgreSQL: the platform
 * rolls the set back and handles the poll one record at a time, so the record that fails is refused alone and
 * every other request is decided exactly once, within what its order was paid.
 */
@EvaluatorTest
class PollFallbackTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final Money PAID = Money.of("150.00", "CNY");

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    KafkaAdmin admin;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void whenAPollFailsAsASetEveryOtherRequestIsStillDecidedOnce() {
        // given two 150.00 servers (a claim comes to 145.48, the rest is 4.52)
        String first = id("o");
        String second = id("o");
        publish(Fixtures.server(first, "c-1", daysAgo(10.5), PAID));
        publish(Fixtures.server(second, "c-1", daysAgo(10.5), PAID));
        awaitTrue("both orders stored", () -> jdbc.queryForObject(
                "select count(*) from evaluator.billing_order where order_id in (?, ?)", Integer.class, first,
                second) == 2);

        // when two claims on the first, files for a refund that has no review (refused: the poll fails as a set)
        // and two claims on the second wait in one partition, and the listener reads them in one poll
        int partitions = admin.describeTopics(Topics.REQUESTS).get(Topics.REQUESTS).partitions().size();
        List<String> refundIds = List.of(inPartitionZero(partitions), inPartitionZero(partitions),
                inPartitionZero(partitions), inPartitionZero(partitions));
        String refused = inPartitionZero(partitions);
        MessageListenerContainer requests = listeners.getListenerContainer(Topics.REQUESTS);
        requests.stop();
        try {
            publish(claim(refundIds.get(0), first));
            publish(claim(refundIds.get(1), first));
            publish(Fixtures.evidenceAdded(refused, first));
            publish(claim(refundIds.get(2), second));
            publish(claim(refundIds.get(3), second));
        } finally {
            requests.start();
        }

        // then the files are dead-lettered, and each claim is decided once: on each order one takes 145.48 and
        // the other the 4.52 left
        assertThat(kafka.await(Topics.deadLetter(Topics.REQUESTS), KafkaTestClient.withKey(refused), 1, WAIT))
                .hasSize(1);
        kafka.await(Topics.DECISIONS, r -> refundIds.contains(r.key()), refundIds.size(), WAIT);
        refundIds.forEach(refundId -> awaitRelayed(jdbc, refundId));
        List<RefundDecision> decisions = kafka.readToEnd(Topics.DECISIONS, r -> refundIds.contains(r.key()), WAIT)
                .stream().map(r -> (RefundDecision) kafka.decode(r).data()).toList();
        assertThat(decisions).extracting(d -> d.header().refundId())
                .containsExactlyInAnyOrderElementsOf(refundIds);
        assertThat(decisions).allSatisfy(d -> assertThat(d).isInstanceOf(RefundApproved.class));
        for (String orderId : List.of(first, second)) {
            assertThat(entries(jdbc, orderId)).extracting(Row::amount).map(BigDecimal::toPlainString)
                    .containsExactlyInAnyOrder("145.48", "4.52");
        }
        // the claims before the refused files were decided one at a time, the set having been rolled back
        assertThat(decidedAt(refundIds.get(0))).isNotEqualTo(decidedAt(refundIds.get(1)));
    }

    private Timestamp decidedAt(String refundId) {
        return jdbc.queryForObject("select decided_at from evaluator.decision where refund_id = ?", Timestamp.class,
                refundId);
    }

    /** A refund id the default partitioner puts in partition 0, so that the records keep their order in one poll. */
    private static String inPartitionZero(int partitions) {
        while (true) {
            String refundId = id("r");
            if (Utils.toPositive(Utils.murmur2(refundId.getBytes(StandardCharsets.UTF_8))) % partitions == 0) {
                return refundId;
            }
        }
    }

    private static RefundRequested claim(String refundId, String orderId) {
        return Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE, List.of(Fixtures.screenshot()));
    }

    private void publish(Object payload) {
        kafka.publish(EventEnvelope.of(Fixtures.sourceOf(payload), payload, clock));
    }
}
