package io.refundflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.OutboxRows;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the relay costs PostgreSQL, and how relays of one schema share the outbox. Each test builds its own relay
 * on a {@link CountingDataSource} over the service's database and publishes to the real broker; the service's own
 * relay is stopped meanwhile.
 */
@SpringBootTest
@WithRealInfrastructure
class OutboxRelayTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Longer than {@link #WAIT}: a test that waited for it would fail. */
    private static final Duration FOREVER = Duration.ofMinutes(1);

    @Autowired
    DataSource database;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    KafkaTemplate<Object, Object> template;
    @Autowired
    ProducerFactory<Object, Object> producers;
    @Autowired
    EventCodec codec;
    @Autowired
    Clock clock;
    @Autowired
    OutboxRelay serviceRelay;

    private final List<OutboxRelay> started = new ArrayList<>();
    private CountingDataSource counting;

    @BeforeEach
    void stopTheServiceRelay() {
        Awaitility.await("outbox empty").atMost(WAIT)
                .until(() -> jdbc.queryForObject("select count(*) from outbox_event", Integer.class) == 0);
        serviceRelay.stop();
        counting = new CountingDataSource(database);
    }

    @AfterEach
    void restartTheServiceRelay() {
        started.forEach(OutboxRelay::stop);
        serviceRelay.start();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aBatchIsOneStatementAndOneCommit() {
        // given 20 events of one refund, each committed on its own while no relay runs
        OutboxRelay relay = relay(tuning(FOREVER, 500, Duration.ZERO), template);
        OutboxWriter writer = new OutboxWriter(jdbc, codec, relay);
        String refundId = "r-" + UUID.randomUUID();
        List<EventEnvelope<RefundRequested>> events = commitEachOnItsOwn(writer, refundId, 20);

        // when the relay takes a batch
        int published = relay.relayBatch();

        // then it took all of them with one statement and one commit, and published them in commit order
        assertThat(published).isEqualTo(20);
        assertThat(counting.statements()).isOne();
        assertThat(counting.commits()).isOne();
        assertThat(kafka.awaitEvents(Topics.REQUESTS, refundId, 20, WAIT)).containsExactlyElementsOf(events);
    }

    @Test
    void commitsCloseTogetherAreRelayedByOneBatch() {
        // given a running relay that lingers until a batch of 20 is announced
        OutboxRelay relay = startedAndIdle(tuning(FOREVER, 20, FOREVER), template);
        OutboxWriter writer = new OutboxWriter(jdbc, codec, relay);
        int before = counting.commits();

        // when 20 transactions commit one event each, one after the other
        String refundId = "r-" + UUID.randomUUID();
        List<EventEnvelope<RefundRequested>> events = commitEachOnItsOwn(writer, refundId, 20);

        // then they are published in commit order, by one batch (and the look a full batch is followed by), not
        // a transaction per commit
        assertThat(kafka.awaitEvents(Topics.REQUESTS, refundId, 20, WAIT)).containsExactlyElementsOf(events);
        OutboxRows.awaitRelayed(jdbc, refundId, WAIT);
        assertThat(counting.commits() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void aFullBatchIsNotHeldBackByTheLinger() {
        // given a running relay with batches of 10 and a linger longer than this test waits
        OutboxRelay relay = startedAndIdle(tuning(FOREVER, 10, FOREVER), template);
        OutboxWriter writer = new OutboxWriter(jdbc, codec, relay);

        // when one transaction commits 10 events
        String refundId = "r-" + UUID.randomUUID();
        List<EventEnvelope<RefundRequested>> events = requests(refundId, 10);
        transactions.executeWithoutResult(status -> writer.appendAll(events));

        // then they are published without waiting for the linger
        assertThat(kafka.awaitEvents(Topics.REQUESTS, refundId, 10, WAIT)).containsExactlyElementsOf(events);
    }

    @Test
    void anIdleRelayLooksForEventsWithoutATransaction() {
        // given a running relay with an empty outbox, polling often
        startedAndIdle(tuning(Duration.ofMillis(10), 500, Duration.ZERO), template);
        int before = counting.commits();

        // when it has polled a few times
        Awaitility.await("idle polls").atMost(WAIT).until(() -> counting.autocommitStatements() >= 5);

        // then no poll took a batch transaction
        assertThat(counting.commits()).isEqualTo(before);
    }

    @Test
    void anEventNobodyAnnouncedIsFoundByTheIdlePoll() {
        // given a running relay that lingers forever once woken
        startedAndIdle(tuning(Duration.ofMillis(50), 500, FOREVER), template);

        // when an event is committed by an instance whose relay never ran (it died before publishing)
        OutboxWriter elsewhere = new OutboxWriter(jdbc, codec, relay(tuning(FOREVER, 500, FOREVER), template));
        EventEnvelope<RefundRequested> event = requests("r-" + UUID.randomUUID(), 1).get(0);
        transactions.executeWithoutResult(status -> elsewhere.append(event));

        // then the running relay finds and publishes it
        assertThat(kafka.awaitEvents(Topics.REQUESTS, event.subject(), 1, WAIT)).containsExactly(event);
    }

    @Test
    void whileOneRelayPublishesAnotherOfTheSameSchemaTakesNothing() throws Exception {
        // given a relay held in the middle of publishing a batch
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KafkaTemplate<Object, Object> held = new KafkaTemplate<>(producers);
        held.setProducerInterceptor(new HoldingInterceptor(sending, release));
        OutboxRelay first = relay(tuning(FOREVER, 500, Duration.ZERO), held);
        OutboxRelay second = relay(tuning(FOREVER, 500, Duration.ZERO), template);
        String refundId = "r-" + UUID.randomUUID();
        List<EventEnvelope<RefundRequested>> events = commitEachOnItsOwn(new OutboxWriter(jdbc, codec, first),
                refundId, 5);
        CompletableFuture<Integer> firstBatch = CompletableFuture.supplyAsync(first::relayBatch);
        try {
            assertThat(sending.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            // when the second relay takes a batch meanwhile, then it returns at once with nothing
            assertThat(CompletableFuture.supplyAsync(second::relayBatch)).succeedsWithin(WAIT).isEqualTo(0);
        } finally {
            release.countDown();
        }

        // and the first publishes the events once each, in commit order
        assertThat(firstBatch).succeedsWithin(WAIT).isEqualTo(5);
        OutboxRows.awaitRelayed(jdbc, refundId, WAIT);
        assertThat(kafka.readToEnd(Topics.REQUESTS, KafkaTestClient.withKey(refundId), WAIT)).map(kafka::decode)
                .containsExactlyElementsOf(events);
    }

    private OutboxRelay relay(OutboxProperties tuning, KafkaTemplate<Object, Object> kafkaTemplate) {
        return new OutboxRelay(new JdbcTemplate(counting), new TransactionTemplate(
                new DataSourceTransactionManager(counting)), kafkaTemplate, tuning, codec.mapper());
    }

    /** A running relay past its first batch (what a previous run left), so that the test counts from there. */
    private OutboxRelay startedAndIdle(OutboxProperties tuning, KafkaTemplate<Object, Object> kafkaTemplate) {
        OutboxRelay relay = relay(tuning, kafkaTemplate);
        relay.start();
        started.add(relay);
        Awaitility.await("first batch").atMost(WAIT).until(() -> counting.commits() >= 1);
        return relay;
    }

    private static OutboxProperties tuning(Duration pollInterval, int batchSize, Duration linger) {
        return new OutboxProperties(pollInterval, batchSize, Duration.ofSeconds(3), Duration.ofMillis(100),
                Duration.ofMillis(500), linger, Duration.ofMillis(50));
    }

    private List<EventEnvelope<RefundRequested>> commitEachOnItsOwn(OutboxWriter writer, String refundId, int count) {
        List<EventEnvelope<RefundRequested>> events = requests(refundId, count);
        events.forEach(event -> transactions.executeWithoutResult(status -> writer.append(event)));
        return events;
    }

    private List<EventEnvelope<RefundRequested>> requests(String refundId, int count) {
        return IntStream.range(0, count).mapToObj(i -> EventEnvelope.of("platform-test", new RefundRequested(refundId,
                null, "o-1", "c-1", Ground.UNSATISFIED, RequestKind.REFUND, null, "en", List.of(), clock.instant()),
                clock)).toList();
    }

    /** Holds the first send until released: a relay caught between taking its batch and committing it. */
    private record HoldingInterceptor(CountDownLatch sending, CountDownLatch release)
            implements ProducerInterceptor<Object, Object> {

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            sending.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
