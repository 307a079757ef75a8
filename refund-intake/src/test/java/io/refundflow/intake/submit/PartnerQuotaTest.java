package io.refundflow.intake.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.intake.Fixtures;
import io.refundflow.intake.IntakeTest;
import io.refundflow.testsupport.KafkaTestClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each partner has a quota (issue 24): the test profile allows 10 requests per 5 s
 * ({@code refund.intake.partners.quota}), so that the suite's other partner requests never reach it.
 */
@IntakeTest
class PartnerQuotaTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int QUOTA = 10;
    private static final int SENT = QUOTA + 5;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    /** The other tests' partner requests must not meet this test's requests in the quota's window, either way. */
    @BeforeEach
    @AfterEach
    void letTheQuotaWindowPass() {
        awaitQuotaWindowPassed(jdbc);
    }

    /** Waits until no request the partner sent counts toward its quota any more. */
    static void awaitQuotaWindowPassed(JdbcTemplate jdbc) {
        await().atMost(TIMEOUT).until(() -> jdbc.queryForObject("""
                select (select count(*) from submission
                        where origin = ? and submitted_at > now() - interval '5 seconds')
                     + (select count(*) from partner_refusal
                        where origin = ? and received_at > now() - interval '5 seconds')""", Integer.class,
                PartnerBoundsTest.PARTNER, PartnerBoundsTest.PARTNER) == 0);
    }

    @Test
    void requestsBeyondThePartnersQuotaAreDeadLetteredNamingTheQuota() {
        // given an order of c-1
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String burst = "r-burst-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> refundIds = new ArrayList<>();

        // when the partner sends 15 requests at once
        for (int i = 0; i < SENT; i++) {
            refundIds.add(burst + i);
            kafka.publish(Topics.PARTNER_REQUESTS, PartnerBoundsTest.fromPartner(burst + i, order.orderId(), "c-1",
                    "one of a burst"));
        }

        // then none is lost: at most 10 are forwarded, the rest are dead letters naming the quota
        Predicate<ConsumerRecord<String, byte[]>> ours = record -> refundIds.contains(record.key());
        await().atMost(TIMEOUT).until(() -> deadLetters(ours).size() + forwarded(ours).size() == SENT);
        assertThat(forwarded(ours)).hasSizeLessThanOrEqualTo(QUOTA);
        assertThat(deadLetters(ours)).hasSizeGreaterThanOrEqualTo(SENT - QUOTA)
                .extracting(record -> KafkaTestClient.header(record, "kafka_dlt-exception-message"))
                .containsOnly("quota: partner 'partner' has sent its 10 requests per 5s; refused, send it again later");
    }

    @Test
    void requestsRefusedAsNotTheOwnersCountTowardTheQuota() {
        // given an order of c-1, and the partner's 10 requests for it naming c-2
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String key = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        List<EventEnvelope<RefundRequested>> requests = strangerRequests(order);

        // when a request naming the owner follows them
        requests.add(PartnerBoundsTest.fromPartner(key + "-owner", order.orderId(), "c-1", "the owner this time"));
        inOrder(key, requests);

        // then the 10 are refused as not the owner's, and the owner's is refused for the quota they spent
        assertThat(deadLetterCauses(key, QUOTA + 1)).containsExactlyElementsOf(causes(order,
                "quota: partner 'partner' has sent its 10 requests per 5s; refused, send it again later"));
        assertThat(forwarded(KafkaTestClient.withKey(key + "-owner"))).isEmpty();
    }

    @Test
    void aStrangersRequestBeyondTheQuotaIsRefusedForTheQuotaAndStoresNothing() {
        // given the partner's 10 requests for c-1's order naming c-2
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        String key = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        List<EventEnvelope<RefundRequested>> requests = strangerRequests(order);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // when an eleventh names c-2 too
        requests.add(PartnerBoundsTest.fromPartner(key + "-eleventh", order.orderId(), "c-2", "once more"));
        inOrder(key, requests);

        // then billing's orders are not consulted for it: it is refused for the quota, and only the 10 are stored
        assertThat(deadLetterCauses(key, QUOTA + 1)).last().asString().startsWith("quota: partner 'partner'");
        assertThat(jdbc.queryForObject("select count(*) from partner_refusal where received_at >= ?", Integer.class,
                Timestamp.from(before))).isEqualTo(QUOTA);
    }

    /** As many requests as the quota, for c-1's order, each naming c-2. */
    private static List<EventEnvelope<RefundRequested>> strangerRequests(BillingOrder order) {
        String strangers = "r-stranger-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<EventEnvelope<RefundRequested>> requests = new ArrayList<>();
        for (int i = 0; i < QUOTA; i++) {
            requests.add(PartnerBoundsTest.fromPartner(strangers + i, order.orderId(), "c-2", "not mine"));
        }
        return requests;
    }

    /** The causes of 10 refusals as not the owner's, then {@code last}. */
    private static List<String> causes(BillingOrder order, String last) {
        List<String> causes = new ArrayList<>(Collections.nCopies(QUOTA,
                "customerId: 'c-2' is not the owner of order " + order.orderId() + " as billing knows it: no case opened"));
        causes.add(last);
        return causes;
    }

    /** Publishes the requests under one key, so that the gate reads them in this order. */
    private static void inOrder(String key, List<EventEnvelope<RefundRequested>> requests) {
        for (EventEnvelope<RefundRequested> request : requests) {
            EncodedEvent encoded = kafka.codec().encode(request);
            kafka.publishRaw(Topics.PARTNER_REQUESTS, key, encoded.headers(), encoded.payload());
        }
    }

    /** The causes of the dead letters under {@code key}, in the order they were written. */
    private static List<String> deadLetterCauses(String key, int count) {
        return kafka.await(Topics.deadLetter(Topics.PARTNER_REQUESTS), KafkaTestClient.withKey(key), count, TIMEOUT)
                .stream().map(record -> KafkaTestClient.header(record, "kafka_dlt-exception-message")).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(Predicate<ConsumerRecord<String, byte[]>> ours) {
        return kafka.readToEnd(Topics.deadLetter(Topics.PARTNER_REQUESTS), ours, TIMEOUT);
    }

    private static List<ConsumerRecord<String, byte[]>> forwarded(Predicate<ConsumerRecord<String, byte[]>> ours) {
        return kafka.readToEnd(Topics.REQUESTS, ours, TIMEOUT);
    }
}
