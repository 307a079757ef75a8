package io.refundflow.evaluator.ledger;

import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.WAIT;
import static io.refundflow.evaluator.LedgerRows.awaitTrue;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorApplication;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows.Row;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructureInitializer;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two evaluator instances (this test's application and a second one on the same database and broker, in the same
 * consumer group) decide requests for one order at the same time: the order's ledger lock in PostgreSQL keeps the
 * approved total within what was paid, and the approvals take all of it.
 */
@EvaluatorTest
class TwoInstancesTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final int REQUESTS = 20;
    /** A 150.00 server paid 10.5 days ago: a claim comes to 145.48 (354 of 365 days), the rest is 4.52. */
    static final Money PAID = Money.of("150.00", "CNY");
    static ConfigurableApplicationContext secondInstance;

    @Autowired
    Clock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoTokens tokens;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void startSecondInstance() {
        if (secondInstance == null) {
            secondInstance = new SpringApplicationBuilder(EvaluatorApplication.class)
                    .profiles("test")
                    .initializers(new RealInfrastructureInitializer())
                    .properties("server.port=0")
                    .run();
        }
        // Both instances must hold some of refund.requests' partitions before the requests go out.
        KafkaListenerEndpointRegistry other = secondInstance.getBean(KafkaListenerEndpointRegistry.class);
        awaitTrue("both instances consume refund.requests", () -> {
            Set<TopicPartition> mine = requestPartitions(listeners);
            Set<TopicPartition> theirs = requestPartitions(other);
            return !mine.isEmpty() && !theirs.isEmpty() && mine.stream().noneMatch(theirs::contains);
        });
    }

    @AfterAll
    static void close() {
        if (secondInstance != null) {
            secondInstance.close();
        }
        kafka.close();
    }

    @Test
    void twentyConcurrentClaimsOnOneOrderNeverApproveMoreThanWasPaidAndTakeAllOfIt() {
        // given a 150.00 server
        String orderId = id("o");
        publish(Fixtures.server(orderId, "c-1", daysAgo(10.5), PAID));
        List<String> refundIds = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            refundIds.add(id("r"));
        }

        // when 20 evidenced claims (small claims, approved at once) arrive together, on several partitions
        for (String refundId : refundIds) {
            publish(claim(refundId, orderId, true));
        }

        // then the first approval takes 145.48, one more takes the 4.52 left, and the rest have nothing left
        List<RefundDecision> decisions = kafka.await(Topics.DECISIONS, r -> refundIds.contains(r.key()), REQUESTS, WAIT)
                .stream().map(r -> (RefundDecision) kafka.decode(r).data()).toList();
        assertThat(decisions).hasSize(REQUESTS);
        assertThat(decisions).filteredOn(RefundApproved.class::isInstance)
                .extracting(d -> ((RefundApproved) d).refundAmount())
                .containsExactlyInAnyOrder(Money.of("145.48", "CNY"), Money.of("4.52", "CNY"));
        assertThat(decisions).filteredOn(RefundRejected.class::isInstance).hasSize(REQUESTS - 2)
                .allSatisfy(d -> assertThat(d.header().ruleId()).isEqualTo("cap.nothing-left-to-refund"));
        assertThat(reservedTotal(orderId)).isEqualByComparingTo(PAID.amount());
    }

    @Test
    void aReviewersApprovalRacingAnAutomaticApprovalCannotTakeTheSameMoney() throws Exception {
        // given a 150.00 server with a claim in review (sent without evidence: proposal 145.48; the customer then added
        // the file the policy asked for), claimed on instance two
        String orderId = id("o");
        String reviewed = id("r");
        publish(Fixtures.server(orderId, "c-1", daysAgo(10.5), PAID));
        publish(claim(reviewed, orderId, false));
        assertThat(decision(reviewed)).isInstanceOf(ManualReviewRequired.class);
        publish(Fixtures.evidenceAdded(reviewed, orderId));
        Fixtures.awaitReviewOpen(jdbc, reviewed);
        Api second = new Api(secondInstance.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        String reviewer = tokens.ops("ops-race");
        assertThat(second.post("/api/reviews/" + reviewed + "/claim", reviewer, null).status()).isEqualTo(200);

        // when the reviewer approves the proposal while an evidenced claim for 145.48 arrives
        String automatic = id("r");
        CompletableFuture<Api.Response> approval = CompletableFuture.supplyAsync(
                () -> second.post("/api/reviews/" + reviewed + "/decision", reviewer, "{\"approved\": true}"));
        publish(claim(automatic, orderId, true));

        // then both are approved, whoever came second got only what was left, and the total is what was paid
        assertThat(approval.get().status()).as(approval.get().toString()).isEqualTo(200);
        RefundReviewed review = (RefundReviewed) kafka.awaitEvents(Topics.DECISIONS, reviewed, 3, WAIT).get(2).data();
        RefundApproved auto = (RefundApproved) decision(automatic);
        assertThat(List.of(review.refundAmount(), auto.refundAmount()))
                .containsExactlyInAnyOrder(Money.of("145.48", "CNY"), Money.of("4.52", "CNY"));
        assertThat(reservedTotal(orderId)).isEqualByComparingTo(PAID.amount());
    }

    private BigDecimal reservedTotal(String orderId) {
        List<Row> rows = entries(jdbc, orderId);
        assertThat(rows).extracting(Row::state).containsOnly("RESERVED");
        return rows.stream().map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Set<TopicPartition> requestPartitions(KafkaListenerEndpointRegistry registry) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            if (assigned != null) {
                assigned.stream().filter(p -> p.topic().equals(Topics.REQUESTS)).forEach(partitions::add);
            }
        }
        return partitions;
    }

    private static RefundRequested claim(String refundId, String orderId, boolean evidence) {
        return Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE,
                evidence ? List.of(Fixtures.screenshot()) : List.of());
    }

    private void publish(Object payload) {
        kafka.publish(EventEnvelope.of(Fixtures.sourceOf(payload), payload, clock));
    }

    private static RefundDecision decision(String refundId) {
        return (RefundDecision) kafka.awaitEvents(Topics.DECISIONS, refundId, 1, WAIT).get(0).data();
    }
}
