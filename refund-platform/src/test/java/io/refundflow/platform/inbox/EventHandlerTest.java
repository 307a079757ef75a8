package io.refundflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.Ground;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What the platform does for every {@link EventHandler} before its {@code handle}, over a real broker and
 * PostgreSQL: a redelivered event id is handled once, a tombstone is told as its key, a payload of another type
 * than the topic's is dead-lettered at once, and the refund and the event are named in the MDC while the handler
 * runs, and no longer after.
 */
@SpringBootTest(properties = "spring.application.name=" + EventHandlerTest.GROUP)
@WithRealInfrastructure
class EventHandlerTest {

    static final String GROUP = "platform-event-handler-test";

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Twice the consumer's default fetch.max.wait.ms: by then a fetch sent before a pause has been answered. */
    private static final Duration FETCH_SENT_BEFORE_THE_PAUSE = Duration.ofSeconds(1);
    private static final Clock CLOCK = Clock.systemUTC();
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StoredRequests handler;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /**
     * Other test classes' records on the topic, malformed ones among them, would otherwise join this class's polls:
     * one consumer reads all its partitions, and a poll that fails before its handler is called is no test of it.
     */
    @BeforeAll
    static void readOnlyWhatThisTestPublishes() {
        kafka.skipToEnd(GROUP, Topics.REQUESTS);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aRedeliveredEventIsHandledOnceWithItsRefundInTheMdc() {
        // given a request, the same request again (a redelivery: same event id) and another one, in this order
        String refundId = "r-dedupe-" + UUID.randomUUID();
        EventEnvelope<RefundRequested> request = request(refundId);
        EventEnvelope<RefundRequested> next = request(refundId);

        // when they are published on one partition
        kafka.publish(request);
        kafka.publish(request);
        kafka.publish(next);

        // then each event id was handled once, and the handler's log named the refund
        Awaitility.await().atMost(WAIT).until(() -> handled(refundId).contains(next.id()));
        assertThat(handled(refundId)).containsExactly(request.id(), next.id());
        assertThat(jdbc.queryForList("select mdc_refund_id from event_handler_test where refund_id = ?",
                String.class, refundId)).containsOnly(refundId);
    }

    @Test
    void aTombstoneIsToldToTheHandlerAsItsKeyAndTheEventsBehindItGoOn() {
        // given a tombstone, then a request with the same key
        String refundId = "r-tombstone-" + UUID.randomUUID();
        EventEnvelope<RefundRequested> request = request(refundId);

        // when
        kafka.publishRaw(Topics.REQUESTS, refundId, Map.of(), null);
        kafka.publish(request);

        // then the handler was told of the tombstone once, and handled the request
        Awaitility.await().atMost(WAIT).until(() -> handled(refundId).contains(request.id()));
        assertThat(jdbc.queryForList("select tombstone_key from event_handler_test where tombstone_key = ?",
                String.class, refundId)).containsExactly(refundId);
    }

    @Test
    void aPayloadOfAnotherTypeThanTheTopicsIsDeadLetteredAtOnceWithoutReachingTheHandler() {
        // given evidence added, on a topic this handler reads only requests from, then a request
        String refundId = "r-typing-" + UUID.randomUUID();
        EventEnvelope<EvidenceAdded> added = EventEnvelope.of("refund-intake", new EvidenceAdded(refundId, null,
                "o-1", List.of(new Evidence("fault.png", "image/png", 2048,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
                CLOCK.instant()), CLOCK);
        EventEnvelope<RefundRequested> request = request(refundId);

        // when
        kafka.publish(added);
        kafka.publish(request);

        // then the evidence is dead-lettered as breaking the topic's contract, well inside its retry budget
        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.deadLetter(Topics.REQUESTS),
                record -> added.id().equals(KafkaTestClient.header(record, "ce_id")), 1, WAIT).get(0);
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-fqcn"))
                .isEqualTo(InvalidEventException.class.getName());
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-message"))
                .isEqualTo("payload: io.refundflow.refund.evidence-added.v1 is not a refund requested");

        // and only the request reached the handler
        Awaitility.await().atMost(WAIT).until(() -> handled(refundId).contains(request.id()));
        assertThat(handled(refundId)).containsExactly(request.id());
    }

    @Test
    void eachEventIsNamedInTheMdcWhileHandledInThePollOrAloneAndNoLongerAfter() {
        // given a request the handler refuses, a request it keeps and a tombstone, under one key (one partition,
        // one listener thread), published while the listeners are paused so that they arrive in one poll: the
        // refused one reaches handle with its poll, then alone once that poll failed
        String refundId = "r-mdc-" + UUID.randomUUID();
        EventEnvelope<RefundRequested> refused = request(refundId);
        EventEnvelope<RefundRequested> kept = request(refundId);
        handler.refuse(refused.id());
        pauseListeners();

        // when
        kafka.publish(refused);
        kafka.publish(kept);
        kafka.publishRaw(Topics.REQUESTS, refundId, Map.of(), null);
        listeners.getListenerContainers().forEach(MessageListenerContainer::resume);

        // then each call of handle ran with the refund and the event in the MDC
        kafka.await(Topics.deadLetter(Topics.REQUESTS),
                record -> refused.id().equals(KafkaTestClient.header(record, "ce_id")), 1, WAIT);
        Awaitility.await().atMost(WAIT).until(() -> handler.calls(refundId).stream()
                .anyMatch(call -> call.tombstone() != null));
        List<Call> calls = handler.calls(refundId);
        assertThat(calls).filteredOn(call -> refused.id().equals(call.eventId())).as("the poll's call, then alone")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(call -> assertThat(call.mdc()).containsExactly(refundId, refused.id()));
        assertThat(calls).filteredOn(call -> kept.id().equals(call.eventId())).isNotEmpty()
                .allSatisfy(call -> assertThat(call.mdc()).containsExactly(refundId, kept.id()));

        // and the tombstone, told after them on the same thread, found the MDC cleared of them
        assertThat(calls).filteredOn(call -> call.tombstone() != null).singleElement()
                .satisfies(call -> assertThat(call.mdc()).containsOnlyNulls());
    }

    /**
     * Pauses every listener and waits out a fetch sent before the pause, which would otherwise answer with the
     * first record published and split the poll.
     */
    private void pauseListeners() {
        listeners.getListenerContainers().forEach(MessageListenerContainer::pause);
        Awaitility.await().atMost(WAIT).until(() -> listeners.getListenerContainers().stream()
                .allMatch(MessageListenerContainer::isContainerPaused));
        Awaitility.await().pollDelay(FETCH_SENT_BEFORE_THE_PAUSE).until(() -> true);
    }

    private List<String> handled(String refundId) {
        return jdbc.queryForList("select event_id from event_handler_test where refund_id = ? order by seq",
                String.class, refundId);
    }

    private static EventEnvelope<RefundRequested> request(String refundId) {
        return EventEnvelope.of("refund-intake", new RefundRequested(refundId, null, "o-1", "c-1",
                Ground.UNSATISFIED, RequestKind.REFUND, null, "en", List.of(), CLOCK.instant()), CLOCK);
    }

    @TestConfiguration
    static class Handler {

        @Bean
        StoredRequests storedRequests(JdbcTemplate jdbc) {
            jdbc.execute("create table if not exists event_handler_test (seq bigserial, refund_id text,"
                    + " event_id text, mdc_refund_id text, tombstone_key text)");
            return new StoredRequests(jdbc);
        }
    }

    /**
     * A call of the handler and what the MDC named during it: {@code refundId} and {@code eventId} are the event's
     * (null for a tombstone), {@code tombstone} its key (null for an event).
     */
    record Call(String refundId, String eventId, String tombstone, List<String> mdc) {

        static Call now(String refundId, String eventId, String tombstone) {
            // Arrays.asList: the MDC's values may be null
            return new Call(refundId, eventId, tombstone, Arrays.asList(MDC.get("refundId"), MDC.get("eventId")));
        }
    }

    /**
     * Stores what it is handed: each request with the refund its MDC named, each tombstone's key. Remembers every
     * call, rolled back or not, with the MDC it ran with, and refuses (dead-letters) the event ids it is told to.
     */
    static class StoredRequests implements EventHandler<RefundRequested> {

        private final JdbcTemplate jdbc;
        private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
        private final Set<String> refused = ConcurrentHashMap.newKeySet();

        StoredRequests(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public Subscription<RefundRequested> subscription() {
            return Subscription.of(Topics.REQUESTS, RefundRequested.class, RefundRequested::refundId);
        }

        @Override
        public void handle(Delivery<RefundRequested> request) {
            calls.add(Call.now(request.payload().refundId(), request.event().id(), null));
            if (refused.contains(request.event().id())) {
                throw new InvalidEventException("refused by the test's handler");
            }
            jdbc.update("insert into event_handler_test (refund_id, event_id, mdc_refund_id) values (?, ?, ?)",
                    request.payload().refundId(), request.event().id(), MDC.get("refundId"));
        }

        @Override
        public void tombstone(String key) {
            calls.add(Call.now(null, null, key));
            jdbc.update("insert into event_handler_test (tombstone_key) values (?)", key);
        }

        void refuse(String eventId) {
            refused.add(eventId);
        }

        /** The calls about this refund (a tombstone: its key), in the order they came. */
        List<Call> calls(String refundId) {
            return calls.stream().filter(call -> refundId.equals(call.refundId()) || refundId.equals(call.tombstone()))
                    .toList();
        }
    }
}
