package io.refundflow.launcher;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the billing system for the demo: orders of two customers covering every product kind and billing
 * mode the policy distinguishes, with paid-at times relative to now so the guarantee windows are live, and one
 * order ({@link #CARD_CLOSED_ORDER}) whose refunds billing cannot pay back. {@link BillingSettlements} pays the
 * approved refunds back.
 */
public final class DemoBilling {

    public record Customer(String id, String email, String locale) {
    }

    /**
     * The CloudEvents source of everything billing publishes ({@link BillingSettlements} too): the one producer
     * every consumer expects on billing's topics ({@code refund.expected.sources} in refund-platform's defaults),
     * named as billing's Kafka principal. Anything else there is dead-lettered naming its source.
     */
    public static final String SOURCE = KafkaAccess.BILLING;

    public static final Customer ALICE = new Customer("c-1", "alice@example.com", "zh");
    public static final Customer BOB = new Customer("c-2", "bob@example.com", "en");

    /** Bob's order whose card was closed after paying: billing cannot pay its refunds back. */
    public static final String CARD_CLOSED_ORDER = "o-211";
    static final String CARD_CLOSED_REASON = "The card this order was paid with has been closed; "
            + "please contact support for a bank transfer.";

    private DemoBilling() {
    }

    /** Why demo billing cannot pay an approved refund back: only refunds of the card-closed order fail. */
    public static Optional<String> failureReason(BillingSettlements.Approval approval) {
        return CARD_CLOSED_ORDER.equals(approval.orderId()) ? Optional.of(CARD_CLOSED_REASON) : Optional.empty();
    }

    public static List<BillingOrder> orders(Clock clock) {
        Instant now = clock.instant();
        List<BillingOrder> orders = new ArrayList<>();
        for (Customer customer : List.of(ALICE, BOB)) {
            String prefix = customer == ALICE ? "o-1" : "o-2";
            orders.add(order(prefix + "01", customer, ProductKind.SAAS, BillingMode.SUBSCRIPTION, "199.00", "CNY",
                    now.minus(Duration.ofDays(1)), Duration.ofDays(365), null, null));
            orders.add(order(prefix + "02", customer, ProductKind.SAAS, BillingMode.SUBSCRIPTION, "199.00", "CNY",
                    now.minus(Duration.ofDays(9)), Duration.ofDays(365), null, null));
            orders.add(order(prefix + "03", customer, ProductKind.SERVICE, BillingMode.SUBSCRIPTION, "2400.00",
                    "CNY", now.minus(Duration.ofDays(20)), Duration.ofDays(90), ServiceStatus.IN_PROGRESS, null));
            orders.add(order(prefix + "04", customer, ProductKind.SERVICE, BillingMode.SUBSCRIPTION, "2400.00",
                    "CNY", now.minus(Duration.ofDays(40)), Duration.ofDays(90), ServiceStatus.COMPLETED, null));
            orders.add(order(prefix + "05", customer, ProductKind.IMAGE, BillingMode.SUBSCRIPTION, "88.00", "CNY",
                    now.minus(Duration.ofDays(2)), Duration.ofDays(30), null, ImageUsage.UNUSED));
            orders.add(order(prefix + "06", customer, ProductKind.IMAGE, BillingMode.SUBSCRIPTION, "88.00", "CNY",
                    now.minus(Duration.ofDays(2)), Duration.ofDays(30), null, ImageUsage.IN_USE));
            orders.add(order(prefix + "07", customer, ProductKind.IMAGE, BillingMode.PAY_AS_YOU_GO, "12.50", "CNY",
                    now.minus(Duration.ofDays(1)), Duration.ofDays(30), null, ImageUsage.IN_USE));
            orders.add(order(prefix + "08", customer, ProductKind.API_OR_DOWNLOAD, BillingMode.SUBSCRIPTION,
                    "49.00", "CNY", now.minus(Duration.ofDays(1)), Duration.ofDays(30), null, null));
            orders.add(order(prefix + "09", customer, ProductKind.SERVER, BillingMode.SUBSCRIPTION, "1200.00", "USD",
                    now.minus(Duration.ofDays(100)), Duration.ofDays(365), null, null));
            orders.add(order(prefix + "10", customer, ProductKind.SERVER, BillingMode.PAY_AS_YOU_GO, "35.00", "USD",
                    now.minus(Duration.ofDays(10)), Duration.ofDays(30), null, null));
        }
        orders.add(order(CARD_CLOSED_ORDER, BOB, ProductKind.SAAS, BillingMode.SUBSCRIPTION, "199.00", "CNY",
                now.minus(Duration.ofDays(1)), Duration.ofDays(365), null, null));
        return orders;
    }

    /** Publishes the demo orders as billing, {@code connection} being the billing principal's client settings. */
    public static void publish(Map<String, String> connection, Clock clock) throws Exception {
        EventCodec codec = new EventCodec();
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (BillingOrder order : orders(clock)) {
                EncodedEvent event = codec.encode(EventEnvelope.of(SOURCE, order, clock));
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
                event.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
            }
        }
    }

    private static BillingOrder order(String id, Customer customer, ProductKind kind, BillingMode mode, String paid,
            String currency, Instant paidAt, Duration term, ServiceStatus service, ImageUsage image) {
        return new BillingOrder(id, customer.id(), customer.email(), customer.locale(), kind, mode,
                Money.of(paid, currency), paidAt, paidAt, paidAt.plus(term), service, image, Money.zero(currency));
    }
}
