package io.refundflow.evaluator.billing;

import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll of billing orders handled as a set ({@link BillingOrderListener#handleAll}) against the real database,
 * the requests made to wait through the broker: the orders are stored, and the requests that waited for any of
 * them are decided, as the orders would one at a time ({@link BillingOrderListener#handle}).
 */
@EvaluatorTest
class OrderPollTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    BillingOrderListener listener;
    @Autowired
    BillingOrders orders;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aPollOfOrdersDecidesTheRequestsThatWaitedForAnyOfThemWithTheVersionThatFoundThem() {
        // given requests waiting for two orders billing has not published yet
        String first = id("o");
        String second = id("o");
        String onFirst = id("r");
        String onSecond = id("r");
        publish(Fixtures.request(onFirst, first, "c-1", Ground.UNSATISFIED));
        publish(Fixtures.request(onSecond, second, "c-1", Ground.UNSATISFIED));
        Awaitility.await().atMost(WAIT).until(() -> waiting(List.of(onFirst, onSecond)) == 2);

        // when one poll brings the first order, an order nobody waits for, the second, and the first again, now
        // owned by someone else
        String unawaited = id("o");
        List<BillingOrder> poll = List.of(Fixtures.saas(first, "c-1", daysAgo(1)),
                Fixtures.saas(unawaited, "c-1", daysAgo(1)), Fixtures.saas(second, "c-1", daysAgo(1)),
                Fixtures.saas(first, "c-2", daysAgo(1)));
        transactions.executeWithoutResult(status -> listener.handleAll(poll.stream().map(this::delivery).toList()));

        // then both requests were decided by the policy, the first by the version it waited for (as one order at
        // a time decides it before the next version comes), and the copy holds each order's last version
        assertThat(waiting(List.of(onFirst, onSecond))).isZero();
        assertThat(decidedBy(onFirst)).isEqualTo("saas.guarantee.inside");
        assertThat(decidedBy(onSecond)).isEqualTo("saas.guarantee.inside");
        assertThat(orders.findAll(List.of(first, second, unawaited))).hasSize(3);
        assertThat(orders.find(first)).hasValueSatisfying(order -> assertThat(order.customerId()).isEqualTo("c-2"));
    }

    private int waiting(List<String> refundIds) {
        Integer count = jdbc.queryForObject("select count(*) from evaluator.order_wait where refund_id = any(?)",
                Integer.class, (Object) refundIds.toArray(String[]::new));
        return count == null ? 0 : count;
    }

    private String decidedBy(String refundId) {
        return jdbc.queryForObject("select rule_id from evaluator.decision where refund_id = ?", String.class,
                refundId);
    }

    private void publish(Object payload) {
        kafka.publish(EventEnvelope.of(Fixtures.sourceOf(payload), payload, clock));
    }

    private Delivery<BillingOrder> delivery(BillingOrder order) {
        return new Delivery<>(order.orderId(), EventEnvelope.of(Fixtures.BILLING, order, clock), Optional.empty());
    }
}
