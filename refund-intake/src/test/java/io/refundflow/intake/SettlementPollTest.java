package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.intake.CaseFlow.Submitted;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
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
 * A poll of settlements (billing.refunds) is applied as a set, in the poll's one transaction, and ends as applying
 * them one at a time would: cases, their timelines, the order's refunds and the settlements held for refunds not
 * known yet, two settlements of one refund in a poll included.
 */
@IntakeTest
class SettlementPollTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Twice the consumer's default fetch.max.wait.ms: by then a fetch sent before a pause has been answered. */
    private static final Duration FETCH_ANSWERED = Duration.ofSeconds(1);
    private static final Money CNY_199 = Money.of("199.00", "CNY");

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
        owner = "c-settle-" + UUID.randomUUID();
        token = tokens.customer(owner);
        flow = new CaseFlow(api, token, kafka);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aPollOfSettlementsEndsAsOneAtATimeWouldInOneTransaction() throws InterruptedException {
        List<Function<Submitted, List<EventEnvelope<?>>>> scenarios = List.of(
                s -> List.of(settlement(s.refundId(), s, SettlementStatus.EXECUTED, null)),
                s -> List.of(settlement(s.refundId(), s, SettlementStatus.FAILED, "the card has been closed")),
                s -> List.of(settlement(s.refundId(), s, SettlementStatus.EXECUTED, null),
                        settlement(s.refundId(), s, SettlementStatus.FAILED, "reversed")),
                s -> {
                    EventEnvelope<?> executed = settlement(s.refundId(), s, SettlementStatus.EXECUTED, null);
                    return List.of(executed, executed, settlement(s.refundId(), s, SettlementStatus.EXECUTED, null));
                },
                s -> List.of(settlement("b-" + s.refundId(), s, SettlementStatus.EXECUTED, null)));
        // given the settlements applied one at a time, each scenario on an approved case of its own
        List<Submitted> alone = new ArrayList<>();
        List<List<EventEnvelope<?>>> aloneEvents = new ArrayList<>();
        for (Function<Submitted, List<EventEnvelope<?>>> scenario : scenarios) {
            Submitted submitted = approved();
            List<EventEnvelope<?>> events = scenario.apply(submitted);
            for (EventEnvelope<?> event : events) {
                kafka.publish(event);
                awaitProcessed(event);
            }
            alone.add(submitted);
            aloneEvents.add(events);
        }

        // when the same settlements of other cases are read in one poll
        List<Submitted> together = scenarios.stream().map(scenario -> approved()).toList();
        List<EventEnvelope<?>> poll = new ArrayList<>();
        List<List<EventEnvelope<?>>> togetherEvents = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            List<EventEnvelope<?>> events = scenarios.get(i).apply(together.get(i));
            togetherEvents.add(events);
            poll.addAll(events);
        }
        inOnePoll(poll);

        // then each case, its order's refunds and what is held end as the twin's, all written by one transaction
        poll.forEach(this::awaitProcessed);
        for (int i = 0; i < scenarios.size(); i++) {
            assertThat(outcome(together.get(i), togetherEvents.get(i))).as("scenario %d", i)
                    .isEqualTo(outcome(alone.get(i), aloneEvents.get(i)));
        }
        assertThat(outcome(together.get(2), togetherEvents.get(2))).contains("status REFUND_FAILED",
                "ledger FAILED 199.0000 CNY reversed");
        assertThat(outcome(together.get(4), togetherEvents.get(4))).contains("status APPROVED", "held 1");
        List<String> refundIds = new ArrayList<>(together.stream().map(Submitted::refundId).toList());
        refundIds.add("b-" + together.get(4).refundId());
        assertThat(jdbc.queryForList("""
                select xmin::text from timeline_entry where step = 'SETTLED' and refund_id = any(?::text[])
                union select xmin::text from refund_case where current_refund_id = any(?::text[])
                    and status in ('REFUNDED', 'REFUND_FAILED')
                union select xmin::text from order_refund where refund_id = any(?::text[]) and settlement is not null
                union select xmin::text from parked_event where refund_id = any(?::text[])""", String.class,
                textArray(refundIds), textArray(refundIds), textArray(refundIds), textArray(refundIds))).hasSize(1);
    }

    private EventEnvelope<?> settlement(String refundId, Submitted submitted, SettlementStatus status,
            String reason) {
        return EventEnvelope.of("billing", new BillingRefund(refundId, submitted.orderId(),
                CNY_199, status, reason, CaseFlow.CLOCK.instant()), CaseFlow.CLOCK);
    }

    private Submitted approved() {
        Submitted submitted = flow.submitted(Fixtures.publishOrder(kafka, jdbc, owner, "en"));
        flow.approved(submitted, CNY_199);
        return submitted;
    }

    /**
     * Publishes the settlements so that the service reads them in one poll: under one key (one partition), once
     * every consumer of the service's group holds its partitions, while its listener of billing.refunds is paused
     * and no fetch of it is under way (as {@link DecisionPollTest} does for decisions).
     */
    private void inOnePoll(List<EventEnvelope<?>> settlements) throws InterruptedException {
        await().atMost(TIMEOUT).until(() -> listeners.getListenerContainers().stream()
                .allMatch(SettlementPollTest::eachConsumerHoldsPartitions));
        MessageListenerContainer container = listeners.getListenerContainer(Topics.BILLING_REFUNDS);
        container.pause();
        try {
            await().atMost(TIMEOUT).until(container::isContainerPaused);
            Thread.sleep(FETCH_ANSWERED.toMillis());
            String key = "poll-" + UUID.randomUUID();
            for (EventEnvelope<?> settlement : settlements) {
                EncodedEvent encoded = kafka.codec().encode(settlement);
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

    private void awaitProcessed(EventEnvelope<?> event) {
        await().atMost(TIMEOUT).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, event.id()) == 1);
    }

    /** What the customer, the submit-time check and the held events show: no ids, no times of their own. */
    private List<String> outcome(Submitted submitted, List<EventEnvelope<?>> events) {
        JsonNode view = api.get(token, "/api/cases/" + submitted.caseId()).json();
        List<String> seen = new ArrayList<>();
        seen.add("status " + view.get("status").asString());
        seen.add("resubmittable " + view.get("resubmittable").asBoolean());
        for (JsonNode step : view.get("history")) {
            seen.add(String.join(" | ", step.path("step").toString(), step.path("done").toString(),
                    step.path("outcome").toString(), step.path("refundAmount").toString(),
                    step.path("reason").toString()));
        }
        String refundId = ((BillingRefund) events.get(0).data()).refundId();
        seen.addAll(jdbc.queryForList("""
                select 'ledger ' || settlement || ' ' || settled_amount::text || ' ' || settled_currency
                    || coalesce(' ' || billing_reason, '') from order_refund where refund_id = ?""", String.class,
                refundId));
        seen.add("held " + jdbc.queryForObject("select count(*) from parked_event where refund_id = ?",
                Integer.class, refundId));
        return seen;
    }

    private static String textArray(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }
}
