package io.refundflow.intake.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.intake.Fixtures;
import io.refundflow.intake.IntakeTest;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The gate records a poll of partner requests as a set, and still refuses exactly the requests its rules refuse:
 * each test publishes its requests under one key (one partition) while the listeners are paused, so that they reach
 * the gate in one poll. The test profile's quota, 10 requests per 5 s, is waited out before each test.
 */
@IntakeTest
class PartnerPollTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Twice the consumer's default fetch.max.wait.ms: by then a fetch sent before a pause has been answered. */
    private static final Duration FETCH_SENT_BEFORE_THE_PAUSE = Duration.ofSeconds(1);
    private static final int QUOTA = 10;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final String pollKey = "poll-" + UUID.randomUUID();

    @BeforeEach
    void quotaWindowEmpty() {
        PartnerQuotaTest.awaitQuotaWindowPassed(jdbc);
    }

    @AfterEach
    void resumeListeners() {
        listeners.getListenerContainers().forEach(MessageListenerContainer::resume);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aPollOfRequestsOpensOneCaseForEachAndForwardsEachOnce() {
        // given three requests on c-1's orders, the second one sent twice
        String orderId = order("c-1");
        List<String> refundIds = refundIds(3);
        List<EventEnvelope<RefundRequested>> requests = refundIds.stream()
                .map(refundId -> PartnerBoundsTest.fromPartner(refundId, orderId, "c-1", "one of a poll")).toList();

        // when they reach the gate in one poll
        inOnePoll(List.of(requests.get(0), requests.get(1), requests.get(1), requests.get(2)));

        // then each refund is one case of c-1 with a number of its own, forwarded once
        Predicate<ConsumerRecord<String, byte[]>> ours = record -> refundIds.contains(record.key());
        kafka.await(Topics.REQUESTS, ours, 3, TIMEOUT);
        assertThat(kafka.readToEnd(Topics.REQUESTS, ours, TIMEOUT)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(refundIds);
        assertThat(jdbc.queryForList("""
                select c.case_number from refund_case c join submission s on s.case_id = c.case_id
                where s.refund_id = any(?) and c.customer_id = 'c-1' and c.channel = 'API'""", String.class,
                (Object) refundIds.toArray(String[]::new))).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aRequestTheRulesRefuseInAPollIsDeadLetteredAloneAndTheOthersGoThrough() {
        // given two requests of c-1 on her order, and between them one naming c-2 on it
        String orderId = order("c-1");
        List<String> refundIds = refundIds(3);
        String stranger = refundIds.get(1);

        // when they reach the gate in one poll
        inOnePoll(List.of(PartnerBoundsTest.fromPartner(refundIds.get(0), orderId, "c-1", "mine"),
                PartnerBoundsTest.fromPartner(stranger, orderId, "c-2", "not mine"),
                PartnerBoundsTest.fromPartner(refundIds.get(2), orderId, "c-1", "mine too")));

        // then the stranger's request is dead-lettered with its cause and opens no case; the others are forwarded
        ConsumerRecord<String, byte[]> dead = kafka.await(Topics.deadLetter(Topics.PARTNER_REQUESTS),
                KafkaTestClient.withKey(pollKey), 1, TIMEOUT).get(0);
        assertThat(((RefundRequested) kafka.decode(dead).data()).refundId()).isEqualTo(stranger);
        assertThat(KafkaTestClient.header(dead, "kafka_dlt-exception-message"))
                .startsWith("customerId: 'c-2' is not the owner of order ");
        assertThat(kafka.readToEnd(Topics.REQUESTS, record -> refundIds.contains(record.key()), TIMEOUT))
                .extracting(ConsumerRecord::key).containsExactlyInAnyOrder(refundIds.get(0), refundIds.get(2));
        assertThat(jdbc.queryForObject("select count(*) from submission where refund_id = ?", Integer.class,
                stranger)).isZero();
    }

    @Test
    void aPollBeyondThePartnersQuotaLetsExactlyTheQuotaThrough() {
        // given more requests than the quota has room for
        String orderId = order("c-1");
        List<String> refundIds = refundIds(QUOTA + 3);

        // when they reach the gate in one poll
        inOnePoll(refundIds.stream()
                .map(refundId -> PartnerBoundsTest.fromPartner(refundId, orderId, "c-1", "one of a flood"))
                .toList());

        // then exactly the quota is forwarded and the rest are dead letters naming it
        Predicate<ConsumerRecord<String, byte[]>> ours = record -> refundIds.contains(record.key());
        List<ConsumerRecord<String, byte[]>> dead = kafka.await(Topics.deadLetter(Topics.PARTNER_REQUESTS),
                KafkaTestClient.withKey(pollKey), 3, TIMEOUT);
        assertThat(dead).extracting(record -> KafkaTestClient.header(record, "kafka_dlt-exception-message"))
                .containsOnly("quota: partner 'partner' has sent its 10 requests per 5s; refused, send it again later");
        assertThat(kafka.readToEnd(Topics.REQUESTS, ours, TIMEOUT)).hasSize(QUOTA);
    }

    /** Publishes the requests under one key while the listeners are paused, then lets them read. */
    private void inOnePoll(List<EventEnvelope<RefundRequested>> requests) {
        listeners.getListenerContainers().forEach(MessageListenerContainer::pause);
        await().atMost(TIMEOUT).until(() -> listeners.getListenerContainers().stream()
                .allMatch(MessageListenerContainer::isContainerPaused));
        await().pollDelay(FETCH_SENT_BEFORE_THE_PAUSE).until(() -> true);
        for (EventEnvelope<RefundRequested> request : requests) {
            EncodedEvent encoded = kafka.codec().encode(request);
            kafka.publishRaw(Topics.PARTNER_REQUESTS, pollKey, encoded.headers(), encoded.payload());
        }
        listeners.getListenerContainers().forEach(MessageListenerContainer::resume);
    }

    /** An order of the customer, known to intake (a partner's requests are stored not open: many fit on one). */
    private String order(String customerId) {
        return Fixtures.publishOrder(kafka, jdbc, customerId, "en").orderId();
    }

    private static List<String> refundIds(int count) {
        String poll = "r-poll-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        return IntStream.range(0, count).mapToObj(i -> poll + i).toList();
    }
}
