package io.refundflow.intake.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.Topics;
import io.refundflow.intake.Fixtures;
import io.refundflow.intake.IntakeTest;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

    /** The other tests' partner requests must not meet this test's burst in the quota's window. */
    @AfterEach
    void letTheQuotaWindowPass() {
        awaitQuotaWindowPassed(jdbc);
    }

    /** Waits until no request the partner sent counts toward its quota any more. */
    static void awaitQuotaWindowPassed(JdbcTemplate jdbc) {
        await().atMost(TIMEOUT).until(() -> jdbc.queryForObject("""
                select count(*) from submission
                where origin = ? and submitted_at > now() - interval '5 seconds'""", Integer.class,
                PartnerBoundsTest.PARTNER) == 0);
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

    private static List<ConsumerRecord<String, byte[]>> deadLetters(Predicate<ConsumerRecord<String, byte[]>> ours) {
        return kafka.readToEnd(Topics.deadLetter(Topics.PARTNER_REQUESTS), ours, TIMEOUT);
    }

    private static List<ConsumerRecord<String, byte[]>> forwarded(Predicate<ConsumerRecord<String, byte[]>> ours) {
        return kafka.readToEnd(Topics.REQUESTS, ours, TIMEOUT);
    }
}
