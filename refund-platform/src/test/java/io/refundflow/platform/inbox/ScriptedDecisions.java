package io.refundflow.platform.inbox;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A handler of refund.decisions for tests of how a failed record is retried: it keeps each decision of the
 * refunds it was told to expect, except those whose failure the test scripts (and may change while they are
 * retried), and leaves the decisions of other tests alone. Its listener starts only when the test starts it.
 * A test imports {@link Configuration} and names its own consumer group in {@code spring.application.name}.
 */
class ScriptedDecisions implements EventHandler<RefundDecision>, AutoCloseable {

    private final JdbcTemplate jdbc;
    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaTestClient kafka = new KafkaTestClient();
    private final Set<String> expected = ConcurrentHashMap.newKeySet();
    private final Map<String, Supplier<RuntimeException>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    ScriptedDecisions(JdbcTemplate jdbc, KafkaListenerEndpointRegistry listeners) {
        this.jdbc = jdbc;
        this.listeners = listeners;
        jdbc.execute("create table if not exists scripted_decisions_test (seq bigserial, event_id text primary key,"
                + " refund_id text not null)");
    }

    @Override
    public Subscription<RefundDecision> subscription() {
        return Subscription.of(Topics.DECISIONS, RefundDecision.class, RefundDecision::refundId);
    }

    @Override
    public void handle(Delivery<RefundDecision> decision) {
        String refundId = decision.payload().refundId();
        String eventId = decision.event().id();
        if (!expected.contains(refundId)) {
            return;
        }
        Supplier<RuntimeException> failure = failures.get(eventId);
        if (failure != null) {
            attempts.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
            throw failure.get();
        }
        jdbc.update("insert into scripted_decisions_test (event_id, refund_id) values (?, ?)", eventId, refundId);
    }

    /** A decision of a refund this listener keeps (published by the caller). */
    EventEnvelope<RefundRejected> decision(String refundId) {
        expected.add(refundId);
        Clock clock = Clock.systemUTC();
        String customer = "c-" + UUID.randomUUID();
        LocalizedText reason = new LocalizedText("Image in use", "镜像正在使用");
        return EventEnvelope.of("policy-evaluator", new RefundRejected(new DecisionHeader(refundId,
                "RF-2026-100001", "o-" + refundId, new Recipient(customer, customer + "@example.com", "en"),
                clock.instant(), "2026.11-1", "image.in-use", "IMAGE_IN_USE", reason), reason), clock);
    }

    /** Publishes the decisions, in this order, and starts the listener if it has not started yet. */
    @SafeVarargs
    final void publishAndListen(EventEnvelope<RefundRejected>... decisions) {
        for (EventEnvelope<RefundRejected> decision : decisions) {
            kafka.publish(decision);
        }
        listeners.getListenerContainer(Topics.DECISIONS).start();
    }

    /** The dead letters of this decision: at least {@code count} of them, awaited for {@code wait} at the most. */
    List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String eventId, int count, Duration wait) {
        return kafka.await(Topics.deadLetter(Topics.DECISIONS), deadLetterOf(eventId), count, wait);
    }

    /** The dead letters of this decision that refund.decisions.DLT holds now. */
    List<ConsumerRecord<String, byte[]>> deadLettersNow(String eventId, Duration wait) {
        return kafka.readToEnd(Topics.deadLetter(Topics.DECISIONS), deadLetterOf(eventId), wait);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> deadLetterOf(String eventId) {
        return record -> eventId.equals(KafkaTestClient.header(record, "ce_id"));
    }

    /** From now on, handling this decision throws what {@code failure} makes; null to handle it again. */
    void failWith(String eventId, Supplier<RuntimeException> failure) {
        if (failure == null) {
            failures.remove(eventId);
        } else {
            failures.put(eventId, failure);
        }
    }

    /** How often handling this decision has failed as scripted. */
    int failedAttempts(String eventId) {
        AtomicInteger count = attempts.get(eventId);
        return count == null ? 0 : count.get();
    }

    /** The event ids kept for the refund, in the order they were kept. */
    List<String> stored(String refundId) {
        return jdbc.queryForList("select event_id from scripted_decisions_test where refund_id = ? order by seq",
                String.class, refundId);
    }

    @Override
    public void close() {
        kafka.close();
    }

    @TestConfiguration
    @Import(HandlersStartedByTheTest.class)
    static class Configuration {

        @Bean
        ScriptedDecisions scriptedDecisions(JdbcTemplate jdbc, KafkaListenerEndpointRegistry listeners) {
            return new ScriptedDecisions(jdbc, listeners);
        }
    }
}
