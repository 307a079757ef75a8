package io.refundflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.PostgresDatabase;
import io.refundflow.testsupport.RealInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partner cannot backdate a request into a guarantee window: refund-intake forwards it with the time it reached
 * the broker, and policy-evaluator decides from that, each service in its own process.
 */
class BackdatedPartnerRequestTest {

    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(60);

    private static KafkaTestClient kafka;
    private final Clock clock = Clock.systemUTC();

    @BeforeAll
    static void startSystem() {
        RunningSystem.get();
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aLateSaasRequestBackdatedIntoTheGuaranteeIsRejected() throws SQLException {
        // given a SaaS order billing says was paid 8 days ago, past its 5-day guarantee
        String customerId = "c-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = "o-" + UUID.randomUUID();
        Instant paidAt = clock.instant().minus(Duration.ofDays(8));
        kafka.publish(EventEnvelope.of("billing", new BillingOrder(orderId, customerId, customerId + "@example.com",
                "en", ProductKind.SAAS, BillingMode.SUBSCRIPTION, Money.of("100.00", "CNY"), paidAt, paidAt,
                paidAt.plus(Duration.ofDays(365)), null, null, Money.zero("CNY")), clock));
        awaitIntakeHolds(orderId);

        // when a partner publishes a request for it that claims to have been submitted an hour after the payment,
        // in its payload and in the timestamp its producer sets on the record
        String refundId = "r-e2e-backdated-" + UUID.randomUUID();
        Instant claimed = paidAt.plus(Duration.ofHours(1));
        RecordMetadata appended = kafka.publishStamped(Topics.PARTNER_REQUESTS, EventEnvelope.of("partner",
                new RefundRequested(refundId, null, orderId, customerId, Ground.UNSATISFIED, RequestKind.REFUND,
                        "backdated by the partner", "en", List.of(), claimed), clock), claimed);

        // then intake forwards it as submitted when it reached the broker, by the broker's clock
        RefundRequested forwarded = (RefundRequested) kafka.awaitEvents(Topics.REQUESTS, refundId, 1, FLOW_TIMEOUT)
                .get(0).data();
        assertThat(forwarded.submittedAt()).isEqualTo(Instant.ofEpochMilli(appended.timestamp()))
                .isAfter(paidAt.plus(Duration.ofDays(7)));

        // and it is rejected as past the guarantee: decided on the time the request reached the broker
        EventEnvelope<?> decision = kafka.awaitEvents(Topics.DECISIONS, refundId, 1, FLOW_TIMEOUT).get(0);
        assertThat(decision.data()).isInstanceOfSatisfying(RefundRejected.class, rejected -> {
            assertThat(rejected.header().ruleId()).isEqualTo("saas.guarantee.over");
            assertThat(rejected.header().reasonCode()).isEqualTo("GUARANTEE_PERIOD_OVER");
        });
    }

    /** Waits until intake's copy of billing holds the order: its gate checks a partner's request against it. */
    private static void awaitIntakeHolds(String orderId) throws SQLException {
        PostgresDatabase database = RealInfrastructure.get().postgres();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                PreparedStatement held = connection.prepareStatement(
                        "select count(*) from intake.billing_order where order_id = ?")) {
            held.setString(1, orderId);
            await().atMost(FLOW_TIMEOUT).until(() -> {
                try (ResultSet rows = held.executeQuery()) {
                    return rows.next() && rows.getInt(1) == 1;
                }
            });
        }
    }

    @Test
    void thePartnersTopicOfTheRunningSystemIsStampedWithTheBrokersClock() {
        assertThat(kafka.topicConfig(Topics.PARTNER_REQUESTS, "message.timestamp.type")).isEqualTo("LogAppendTime");
    }
}
