package io.refundflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.SettlementStatus;
import io.refundflow.launcher.DemoBilling;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The suite's money check, on a real broker: approved − released ≤ paid per order, from the topics alone. */
class MoneyInvariantTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final Recipient RECIPIENT = new Recipient("c-1", "c-1@faults.test", "en");
    private static final LocalizedText REASON = new LocalizedText("ok", "好");
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anOrderApprovedBeyondPaidIsAViolationAndAReleasedApprovalIsNot() {
        // given two orders paid 120.00 with two approvals each (100.00 and 50.00), and a rejected request
        String run = UUID.randomUUID().toString().substring(0, 8);
        String released = "mi-" + run + "-released";
        String over = "mi-" + run + "-over";
        for (String orderId : List.of(released, over)) {
            publish(order(orderId));
            publish(approved(orderId + "-r1", orderId, "100.00"));
            publish(approved(orderId + "-r2", orderId, "50.00"));
        }
        publish(new RefundRejected(
                new DecisionHeader(released + "-r3", null, released, RECIPIENT, CLOCK.instant(), "v1", "rule", "NO",
                REASON), null));

        // when billing could not pay the first refund of one order back, and executed the others
        publish(new BillingRefund(released + "-r1", released, Money.of("100.00", "CNY"), SettlementStatus.FAILED,
                "card closed", CLOCK.instant()));
        publish(new BillingRefund(released + "-r2", released, Money.of("50.00", "CNY"), SettlementStatus.EXECUTED,
                null, CLOCK.instant()));

        // then the order with nothing released is the one violation; the other stands at 50/120
        MoneyInvariant.Result result = MoneyInvariant.check(
                Map.of("bootstrap.servers", RealInfrastructure.get().kafka().bootstrapServers()),
                List.of(released + "-r1", released + "-r2", released + "-r3", over + "-r1", over + "-r2"));
        assertThat(result.ordersChecked()).isEqualTo(2);
        assertThat(result.ordersWithSeveral()).isEqualTo(2);
        assertThat(result.violations()).extracting(MoneyInvariant.Violation::orderId).containsExactly(over);
        assertThat(result.maxApprovedRatio()).isEqualByComparingTo(new BigDecimal("0.4167"));
        assertThat(result.executed()).isEqualTo(1);
        assertThat(result.failed()).isEqualTo(1);
    }

    /** As its producer would: billing's orders and settlements from billing, decisions from the evaluator. */
    private static void publish(Object payload) {
        String source = payload instanceof BillingOrder || payload instanceof BillingRefund ? DemoBilling.SOURCE
                : "policy-evaluator";
        kafka.publish(EventEnvelope.of(source, payload, CLOCK));
    }

    private static BillingOrder order(String orderId) {
        Instant paidAt = CLOCK.instant().minus(Duration.ofDays(1));
        return new BillingOrder(orderId, "c-1", "c-1@faults.test", "en", ProductKind.SAAS, BillingMode.SUBSCRIPTION,
                Money.of("120.00", "CNY"), paidAt, paidAt, paidAt.plus(Duration.ofDays(90)), null, null,
                Money.zero("CNY"));
    }

    private static RefundApproved approved(String refundId, String orderId, String amount) {
        return new RefundApproved(
                new DecisionHeader(refundId, null, orderId, RECIPIENT, CLOCK.instant(), "v1", "rule", "OK", REASON),
                Money.of(amount, "CNY"));
    }
}
