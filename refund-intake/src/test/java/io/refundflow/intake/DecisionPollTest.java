package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.Topics;
import io.refundflow.intake.CaseFlow.Submitted;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * A poll of decisions is applied as a set, in the poll's one transaction, and ends as applying the decisions one at
 * a time would; two decisions of one refund in a poll apply in their order; a decision that fails is refused alone
 * and the others of its poll are applied once each.
 */
@IntakeTest
class DecisionPollTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Twice the consumer's default fetch.max.wait.ms: by then a fetch sent before a pause has been answered. */
    private static final Duration FETCH_ANSWERED = Duration.ofSeconds(1);
    /** One instant for every decision, so that cases decided in different ways read alike. */
    private static final Instant DECIDED_AT = CaseFlow.CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private Api api;
    private String owner;
    private String token;
    private CaseFlow flow;

    @BeforeEach
    void client() {
        api = new Api(port);
        owner = "c-poll-" + UUID.randomUUID();
        token = tokens.customer(owner);
        flow = new CaseFlow(api, token, kafka);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aPollOfDecisionsOfSeveralRefundsEndsAsOneAtATimeWouldInOneTransaction() throws InterruptedException {
        List<Function<Submitted, EventEnvelope<?>>> decisions = List.of(this::approval, this::rejectionWithRemedy,
                this::evidenceRequest, this::manualReview);
        // given the decisions applied one at a time, each to a case of its own
        List<Submitted> alone = new ArrayList<>();
        for (Function<Submitted, EventEnvelope<?>> decision : decisions) {
            Submitted submitted = submitted();
            kafka.publish(decision.apply(submitted));
            await().atMost(TIMEOUT).until(() -> reviewed(submitted) == 1);
            alone.add(submitted);
        }

        // when the same decisions on other cases are read in one poll, with a decision of a refund not known yet
        List<Submitted> together = decisions.stream().map(decision -> submitted()).toList();
        List<EventEnvelope<?>> poll = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            poll.add(decisions.get(i).apply(together.get(i)));
        }
        Submitted unknown = new Submitted("no-case", null, together.get(0).orderId(), "r-unknown-" + UUID.randomUUID());
        poll.add(approval(unknown));
        inOnePoll(poll);

        // then each case ends as the one decided alone, and the unknown refund's decision is held
        await().atMost(TIMEOUT).until(() -> together.stream().allMatch(submitted -> reviewed(submitted) == 1));
        for (int i = 0; i < decisions.size(); i++) {
            assertThat(outcome(together.get(i))).as("case of decision %d", i).isEqualTo(outcome(alone.get(i)));
        }
        assertThat(parked(unknown.refundId())).isEqualTo(1);
        // all of it written by the poll's one transaction
        List<String> refundIds = together.stream().map(Submitted::refundId).toList();
        assertThat(jdbc.queryForList("""
                select xmin::text from timeline_entry where step = 'REVIEWED' and refund_id = any(?::text[])
                union select xmin::text from refund_case where current_refund_id = any(?::text[])
                union select xmin::text from parked_event where refund_id = ?""", String.class,
                textArray(refundIds), textArray(refundIds), unknown.refundId())).hasSize(1);
    }

    @Test
    void twoDecisionsOfOneRefundInOnePollApplyInTheirOrder() throws InterruptedException {
        // given a submitted case
        Submitted submitted = submitted();

        // when the hand-over to a person and the person's approval are read in one poll
        inOnePoll(List.of(manualReview(submitted), reviewedApproval(submitted)));

        // then the case is approved, its history tells both in their order, all in one transaction
        await().atMost(TIMEOUT).until(() -> reviewed(submitted) == 2);
        JsonNode view = flow.awaitCase(submitted.caseId(), c -> true);
        assertThat(view.get("status").asString()).isEqualTo("APPROVED");
        assertThat(view.get("history")).extracting(step -> step.get("outcome").asString(null))
                .containsSubsequence("UNDER_REVIEW", "APPROVED");
        assertThat(ledger(submitted)).containsExactly("45.5000 CNY");
        assertThat(jdbc.queryForList("""
                select xmin::text from timeline_entry where step = 'REVIEWED' and refund_id = ?
                union select xmin::text from refund_case where case_id = ?""", String.class, submitted.refundId(),
                submitted.caseId())).hasSize(1);
    }

    @Test
    void aDecisionThatFailsIsRefusedAloneAndTheOthersOfItsPollApplyOnce() throws InterruptedException {
        // given three submitted cases, and a decision of the second whose text PostgreSQL cannot store
        Submitted first = submitted();
        Submitted failing = submitted();
        Submitted last = submitted();
        EventEnvelope<?> unstorable = EventEnvelope.of("policy-evaluator", new RefundApproved(header(failing,
                "WITHIN_GUARANTEE", new LocalizedText("inside the\u0000guarantee", "在保障期内")),
                Money.of("199.00", "CNY")), CaseFlow.CLOCK);

        // when the three decisions are read in one poll
        inOnePoll(List.of(approval(first), unstorable, approval(last)));

        // then the other two are applied once each, and the failing one is dead-lettered at once with its cause
        await().atMost(TIMEOUT).until(() -> reviewed(first) == 1 && reviewed(last) == 1);
        assertThat(kafka.await(Topics.deadLetter(Topics.DECISIONS),
                record -> unstorable.id().equals(KafkaTestClient.header(record, "ce_id")), 1, TIMEOUT))
                .extracting(record -> KafkaTestClient.header(record, "kafka_dlt-exception-message"))
                .singleElement().asString().contains("U+0000");
        for (Submitted applied : List.of(first, last)) {
            assertThat(flow.awaitCase(applied.caseId(), c -> true).get("status").asString()).isEqualTo("APPROVED");
            assertThat(reviewed(applied)).isEqualTo(1);
            assertThat(ledger(applied)).containsExactly("199.0000 CNY");
        }
        assertThat(flow.awaitCase(failing.caseId(), c -> true).get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(reviewed(failing)).isZero();
        assertThat(ledger(failing)).isEmpty();
    }

    /**
     * Publishes the decisions so that the service reads them in one poll: under one key (one partition), once every
     * consumer of the service's group holds its partitions (a rebalance in between would split the poll), while its
     * listener of the decisions is paused and no fetch of it is under way. A fetch sent before the pause is answered
     * within the consumer's {@code fetch.max.wait.ms} (500 ms unless set), with the first record that arrives: that
     * record would come back alone, a poll of its own.
     */
    private void inOnePoll(List<EventEnvelope<?>> decisions) throws InterruptedException {
        await().atMost(TIMEOUT).until(() -> listeners.getListenerContainers().stream()
                .allMatch(DecisionPollTest::eachConsumerHoldsPartitions));
        MessageListenerContainer container = listeners.getListenerContainer(Topics.DECISIONS);
        container.pause();
        try {
            await().atMost(TIMEOUT).until(container::isContainerPaused);
            Thread.sleep(FETCH_ANSWERED.toMillis());
            String key = "poll-" + UUID.randomUUID();
            for (EventEnvelope<?> decision : decisions) {
                EncodedEvent encoded = kafka.codec().encode(decision);
                kafka.publishRaw(encoded.topic(), key, encoded.headers(), encoded.payload());
            }
        } finally {
            container.resume();
        }
    }

    private static boolean eachConsumerHoldsPartitions(MessageListenerContainer listener) {
        Map<String, Collection<TopicPartition>> assigned = listener.getAssignmentsByClientId();
        return assigned != null
                && assigned.size() == ((ConcurrentMessageListenerContainer<?, ?>) listener).getConcurrency()
                && assigned.values().stream().noneMatch(Collection::isEmpty);
    }

    private Submitted submitted() {
        return flow.submitted(Fixtures.publishOrder(kafka, jdbc, owner, "en"));
    }

    /** What the customer and the submit-time check see of the case: no ids, no times of its own. */
    private List<String> outcome(Submitted submitted) {
        JsonNode view = api.get(token, "/api/cases/" + submitted.caseId()).json();
        List<String> seen = new ArrayList<>();
        seen.add("status " + view.get("status").asString());
        seen.add("resubmittable " + view.get("resubmittable").asBoolean());
        seen.add("evidence " + view.path("evidenceRequest"));
        for (JsonNode step : view.get("history")) {
            seen.add(String.join(" | ", step.path("step").toString(), step.path("done").toString(),
                    step.path("outcome").toString(), step.path("refundAmount").toString(),
                    step.path("reason").toString(), step.path("remedy").toString(), step.path("detail").toString()));
        }
        seen.add("ledger " + ledger(submitted));
        seen.add("open " + jdbc.queryForObject("select open from submission where refund_id = ?", Boolean.class,
                submitted.refundId()));
        return seen;
    }

    private int reviewed(Submitted submitted) {
        return jdbc.queryForObject("select count(*) from timeline_entry where step = 'REVIEWED' and refund_id = ?",
                Integer.class, submitted.refundId());
    }

    private List<String> ledger(Submitted submitted) {
        return jdbc.queryForList("""
                select approved_amount::text || ' ' || approved_currency from order_refund where refund_id = ?""",
                String.class, submitted.refundId());
    }

    private int parked(String refundId) {
        return jdbc.queryForObject("select count(*) from parked_event where refund_id = ?", Integer.class, refundId);
    }

    private static String textArray(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private EventEnvelope<?> approval(Submitted submitted) {
        return EventEnvelope.of("policy-evaluator", new RefundApproved(header(submitted, "WITHIN_GUARANTEE",
                CaseFlow.REASON), Money.of("199.00", "CNY")), CaseFlow.CLOCK);
    }

    private EventEnvelope<?> rejectionWithRemedy(Submitted submitted) {
        return EventEnvelope.of("policy-evaluator", new RefundRejected(header(submitted, "IMAGE_IN_USE",
                new LocalizedText("the image is in use", "镜像正在使用")),
                new LocalizedText("stop the server, then apply again", "停止服务器后重新申请")), CaseFlow.CLOCK);
    }

    private EventEnvelope<?> evidenceRequest(Submitted submitted) {
        return EventEnvelope.of("policy-evaluator", new EvidenceRequested(header(submitted, "EVIDENCE_REQUESTED",
                CaseFlow.EVIDENCE_REASON), "a screenshot of the error", DECIDED_AT.plus(Duration.ofDays(7)), "ops-1"),
                CaseFlow.CLOCK);
    }

    private EventEnvelope<?> manualReview(Submitted submitted) {
        return EventEnvelope.of("policy-evaluator", new ManualReviewRequired(header(submitted, "EVIDENCE_CHECK",
                CaseFlow.REASON), Money.of("50.00", "CNY")), CaseFlow.CLOCK);
    }

    private EventEnvelope<?> reviewedApproval(Submitted submitted) {
        return EventEnvelope.of("policy-evaluator", new RefundReviewed(header(submitted, "REVIEWED", CaseFlow.REASON),
                true, Money.of("45.50", "CNY"), "ops-1", null, false), CaseFlow.CLOCK);
    }

    private DecisionHeader header(Submitted submitted, String reasonCode, LocalizedText reason) {
        return new DecisionHeader(submitted.refundId(), submitted.caseNumber(), submitted.orderId(),
                new Recipient(owner, owner + "@example.com", "en"), DECIDED_AT, "2026.11", "rule-" + reasonCode,
                reasonCode, reason);
    }
}
