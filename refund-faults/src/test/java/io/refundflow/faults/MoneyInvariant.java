package io.refundflow.faults;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EventCodec;
import io.refundflow.events.Money;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The money invariant, computed from the topics alone: for every order the suite's refunds were about,
 * approved − released ≤ paid, where approved is the sum of the approvals on refund.decisions (automatic, and
 * reviewers' approvals; one per refund id, so a redelivered decision counts once), released the sum of the
 * approvals billing reported FAILED on billing.refunds, and paid what billing.orders says.
 */
final class MoneyInvariant {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> TOPICS = List.of(Topics.BILLING_ORDERS, Topics.DECISIONS, Topics.BILLING_REFUNDS);

    /** One order that was promised more than was paid. */
    record Violation(String orderId, Money paid, BigDecimal approved, BigDecimal released) {
    }

    /**
     * @param ordersChecked        orders of the suite's refunds that were decided
     * @param ordersWithSeveral    of those, orders with more than one decided request
     * @param maxApprovedRatio     the largest (approved − released) / paid over the orders checked
     * @param executed             approvals billing reported EXECUTED
     * @param failed               approvals billing reported FAILED
     */
    record Result(int ordersChecked, int ordersWithSeveral, BigDecimal maxApprovedRatio, int executed, int failed,
            List<Violation> violations) {
    }

    private static final class OrderFigures {
        Money paid;
        final Map<String, Money> approved = new HashMap<>();
        final Set<String> decided = new HashSet<>();
        final Set<String> failed = new HashSet<>();
        final Set<String> executed = new HashSet<>();
    }

    private MoneyInvariant() {
    }

    /** Reads the three topics to their current end and checks the orders of these refunds. */
    static Result check(Map<String, String> connection, Collection<String> refundIds) {
        EventCodec codec = new EventCodec();
        Map<String, OrderFigures> orders = new HashMap<>();
        Set<String> suiteOrders = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : readAll(connection)) {
            Object payload;
            try {
                payload = codec.decode(CloudEventHeaders.read(record.headers()), record.value()).data();
            } catch (RuntimeException e) {
                continue; // hostile or malformed: dead-lettered by the services, no money moved
            }
            if (payload instanceof BillingOrder order) {
                figures(orders, order.orderId()).paid = order.paidAmount();
            } else if (payload instanceof RefundDecision decision) {
                OrderFigures figures = figures(orders, decision.header().orderId());
                figures.decided.add(decision.refundId());
                if (refundIds.contains(decision.refundId())) {
                    suiteOrders.add(decision.header().orderId());
                }
                if (decision instanceof RefundApproved approved) {
                    figures.approved.put(approved.refundId(), approved.refundAmount());
                } else if (decision instanceof RefundReviewed reviewed && reviewed.approved()) {
                    figures.approved.put(reviewed.refundId(), reviewed.refundAmount());
                }
            } else if (payload instanceof BillingRefund settlement) {
                OrderFigures figures = figures(orders, settlement.orderId());
                (settlement.status() == SettlementStatus.FAILED ? figures.failed : figures.executed)
                        .add(settlement.refundId());
            }
        }
        List<Violation> violations = new ArrayList<>();
        BigDecimal maxRatio = BigDecimal.ZERO;
        int several = 0;
        int executed = 0;
        int failed = 0;
        for (String orderId : suiteOrders) {
            OrderFigures figures = orders.get(orderId);
            if (figures.decided.size() > 1) {
                several++;
            }
            BigDecimal approved = BigDecimal.ZERO;
            BigDecimal released = BigDecimal.ZERO;
            for (Map.Entry<String, Money> approval : figures.approved.entrySet()) {
                approved = approved.add(approval.getValue().amount());
                if (figures.failed.contains(approval.getKey())) {
                    released = released.add(approval.getValue().amount());
                    failed++;
                } else if (figures.executed.contains(approval.getKey())) {
                    executed++;
                }
            }
            BigDecimal promised = approved.subtract(released);
            if (figures.paid == null || promised.compareTo(figures.paid.amount()) > 0) {
                violations.add(new Violation(orderId, figures.paid, approved, released));
            } else if (figures.paid.isPositive()) {
                maxRatio = maxRatio.max(promised.divide(figures.paid.amount(), 4, RoundingMode.HALF_EVEN));
            }
        }
        return new Result(suiteOrders.size(), several, maxRatio, executed, failed, violations);
    }

    private static OrderFigures figures(Map<String, OrderFigures> orders, String orderId) {
        return orders.computeIfAbsent(orderId, id -> new OrderFigures());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(Map<String, String> connection) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-money-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2_000_000);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, READ_TIMEOUT)
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + TOPICS + " to their end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
