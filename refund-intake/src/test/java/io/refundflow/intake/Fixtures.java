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

    /** A one-page PDF with its cross-reference table and trailer (the offsets computed, as a writer does). */
    public static byte[] pdf() {
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        StringBuilder xref = new StringBuilder("xref\n0 " + (objects.length + 1) + "\n0000000000 65535 f \n");
        for (int i = 0; i < objects.length; i++) {
            xref.append(String.format("%010d 00000 n \n", pdf.length()));
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int start = pdf.length();
        pdf.append(xref).append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\n")
                .append("startxref\n").append(start).append("\n%%EOF\n");
        return pdf.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A CSV of about this many bytes: a header and as many rows as fit. */
    public static byte[] csv(int size) {
        StringBuilder csv = new StringBuilder("day,cpu,memory\n");
        for (int day = 1; csv.length() < size - 32; day++) {
            csv.append(day).append(",0.").append(day % 10).append(",").append(512 + day).append('\n');
        }
        return csv.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
