package io.refundflow.intake;

import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test data: billing orders published as the billing system would, and evidence files. */
public final class Fixtures {

    /** The smallest valid PNG (1x1 pixel). */
    public static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    /** A Windows executable's header, whatever the file is called. */
    public static final byte[] EXE = new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF,
            (byte) 0xFF, 0, 0, (byte) 0xB8, 0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0};

    private Fixtures() {
    }

    public static String orderId() {
        return "o-" + UUID.randomUUID();
    }

    /** Publishes an order of the customer on billing.orders and waits until intake has its local copy. */
    public static BillingOrder publishOrder(KafkaTestClient kafka, JdbcTemplate jdbc, String customerId, String locale) {
        return publishOrder(kafka, jdbc, customerId, locale, null);
    }

    /** As {@link #publishOrder(KafkaTestClient, JdbcTemplate, String, String)}, paid 199.00 CNY, refunded so far. */
    public static BillingOrder publishOrder(KafkaTestClient kafka, JdbcTemplate jdbc, String customerId, String locale,
            Money refunded) {
        Clock clock = Clock.systemUTC();
        Instant paidAt = clock.instant().minus(Duration.ofDays(1));
        BillingOrder order = new BillingOrder(orderId(), customerId, customerId + "@example.com", locale,
                ProductKind.SAAS, BillingMode.SUBSCRIPTION, Money.of("199.00", "CNY"), paidAt, paidAt,
                paidAt.plus(Duration.ofDays(365)), null, null, refunded);
        kafka.publish(EventEnvelope.of("billing", order, clock));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from billing_order where order_id = ?", Integer.class, order.orderId()) == 1);
        return order;
    }

    /** Publishes billing's update of an order: it has now refunded this much; waits until intake's copy shows it. */
    public static BillingOrder republishOrder(KafkaTestClient kafka, JdbcTemplate jdbc, BillingOrder order,
            Money refunded) {
        BillingOrder updated = new BillingOrder(order.orderId(), order.customerId(), order.customerEmail(),
                order.customerLocale(), order.productKind(), order.billingMode(), order.paidAmount(), order.paidAt(),
                order.termStart(), order.termEnd(), order.serviceStatus(), order.imageUsage(), refunded);
        kafka.publish(EventEnvelope.of("billing", updated, Clock.systemUTC()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from billing_order where order_id = ? and refunded_amount = ?", Integer.class,
                order.orderId(), refunded.amount()) == 1);
        return updated;
    }

    public static String contactJson(String orderId) {
        return """
                {"orderId": "%s", "channel": "WEB", "description": "the site builder does not do what I need"}"""
                .formatted(orderId);
    }

    public static String applicationJson() {
        return """
                {"ground": "UNSATISFIED", "kind": "REFUND", "description": "not what I expected",
                 "contactEmail": "someone@example.com"}""";
    }
}
