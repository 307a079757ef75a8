package io.refundflow.launcher;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EventType;
import io.refundflow.events.Money;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Plays billing's side of the settlement loop, as docs/billing-contract.md describes it: every refund
 * the evaluator approved on {@code refund.decisions} (automatically, or by a reviewer) is paid back after a short
 * delay, as a payment provider takes a moment, and reported on {@code billing.refunds} — EXECUTED, or FAILED with
 * a reason when {@code failureReason} gives one or billing's own record of the order does not allow it. An
 * executed refund also raises the order's {@code refunded} on {@code billing.orders}: billing's own figure,
 * republished with the rest of the order.
 *
 * <p>Billing trusts no writer of {@code refund.decisions} but the evaluator: an approval from another source
 * (anyone holding the dashboard's Kafka password may write the topic) pays nothing and is not reported. Nor
 * does it trust the evaluator with more than the order: an approval on an order billing never sold, or one that
 * would make what it paid back on the order exceed what the order was paid, is refused as FAILED. An approved
 * exchange moves no money.
 *
 * <p>Reads both topics from the beginning with no consumer group, so it also knows the orders published before
 * it started. Remembers the refunds it settled: a decision delivered twice is paid back once. All state is
 * touched only on one worker thread, in the order the records were read.
 */
public final class BillingSettlements implements AutoCloseable {

    /** One refund this system approved, as billing is asked to pay it back. */
    public record Approval(String refundId, String orderId, Money amount) {
    }

    /** The one source whose approvals billing pays: the evaluator, as its Kafka principal is named. */
    static final String DECIDER = KafkaAccess.EVALUATOR;

    private static final Logger log = LoggerFactory.getLogger(BillingSettlements.class);
    private static final Duration POLL = Duration.ofMillis(300);
    /** The events billing acts on: orders, and the decisions that can pay money back ({@link #approvalIn}). */
    private static final Set<String> READ = Set.of(EventType.BILLING_ORDER.ceType(),
            EventType.REFUND_APPROVED.ceType(), EventType.REFUND_REVIEWED.ceType());
    /** How long to wait for the topics to exist: the services create them when they start. */
    private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(60);

    private final Duration delay;
    private final Function<Approval, Optional<String>> failureReason;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "billing-settlements"));
    private final Map<String, BillingOrder> orders = new HashMap<>();
    private final Set<String> settled = new HashSet<>();
    private final Set<String> failedRefunds = ConcurrentHashMap.newKeySet();
    /**
     * The event ids of the orders billing republished and has not read back yet: it holds each already (it
     * republishes only orders it holds), so reading one back would decode and validate it only to keep the newer.
     */
    private final Set<String> republishedUnread = ConcurrentHashMap.newKeySet();
    /** The next offset the reader will read, per partition of billing.orders (written by the reader only). */
    private final Map<TopicPartition, Long> ordersRead = new ConcurrentHashMap<>();
    private final Thread reader = daemon(this::read, "billing-settlements-reader");
    private volatile boolean running = true;

    /**
     * @param connection    Kafka client settings of the billing principal (bootstrap servers and sign-in)
     * @param delay         how long after the approval the refund is settled
     * @param failureReason why billing cannot pay an approval back; empty when it can
     */
    public BillingSettlements(Map<String, String> connection, Duration delay,
            Function<Approval, Optional<String>> failureReason, Clock clock) {
        this.delay = delay;
        this.failureReason = failureReason;
        this.clock = clock;
        Properties consumerProps = new Properties();
        consumerProps.putAll(connection);
        // a group of its own, under the prefix billing's principal may read with (kafka-acls.txt)
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.BILLING + "-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Properties producerProps = new Properties();
        producerProps.putAll(connection);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // billing keeps trying through a broker restart rather than dropping a settlement
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    }

    public BillingSettlements start() {
        reader.start();
        return this;
    }

    /**
     * How many records of billing.orders before these end offsets (partition → offset) billing has not read yet.
     * Billing refuses an approval on an order it has not read, and reading a large batch of orders costs CPU:
     * whoever publishes orders and then asks for refunds on them (the benchmark) waits for 0 first.
     */
    public long ordersBehind(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - ordersRead.getOrDefault(end.getKey(), 0L))).sum();
    }

    /** The ids of the refunds reported FAILED so far (their customers get an email saying so). */
    public Set<String> failedRefunds() {
        return Set.copyOf(failedRefunds);
    }

    private void read() {
        try {
            List<TopicPartition> partitions = partitions(List.of(Topics.BILLING_ORDERS, Topics.DECISIONS));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<TopicPartition> orderPartitions = partitions.stream()
                    .filter(partition -> partition.topic().equals(Topics.BILLING_ORDERS)).toList();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    take(record);
                }
                orderPartitions.forEach(partition -> ordersRead.put(partition, consumer.position(partition)));
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<TopicPartition> partitions(List<String> topics) {
        long deadline = System.nanoTime() + TOPICS_TIMEOUT.toNanos();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = partitionsOf(topic);
            while (infos.isEmpty() && System.nanoTime() < deadline && running) {
                sleep(POLL);
                infos = partitionsOf(topic);
            }
            if (infos.isEmpty()) {
                throw new LaunchException("topic " + topic + " does not exist; demo billing cannot settle refunds");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private List<PartitionInfo> partitionsOf(String topic) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, POLL.multipliedBy(10));
            return infos == null ? List.of() : infos;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return List.of();
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone: nothing to settle
        }
        Map<String, String> headers = CloudEventHeaders.read(record.headers());
        if (!READ.contains(headers.get(CloudEventHeaders.TYPE))
                || republishedUnread.remove(headers.get(CloudEventHeaders.ID))) {
            return; // a decision that moves no money, or an order billing holds already: nothing to decode
        }
        EventEnvelope<?> event;
        try {
            event = codec.decode(headers, record.value());
        } catch (RuntimeException e) {
            return; // not a valid event: the services dead-letter it; billing has nothing to pay
        }
        if (event.data() instanceof BillingOrder order) {
            // an order billing published before (or without) this: an order it republished itself is known newer
            worker.execute(() -> orders.putIfAbsent(order.orderId(), order));
            return;
        }
        approvalIn(event.data()).ifPresent(approval -> {
            if (DECIDER.equals(event.source())) {
                schedule(approval);
                return;
            }
            try (var ignored = MDC.putCloseable("refundId", approval.refundId())) {
                log.warn("billing ignores an approval of {} on order {} from {}: only {} decides refunds",
                        approval.amount(), approval.orderId(), event.source(), DECIDER);
            }
        });
    }

    /** The money a decision asks billing to pay back: none for a rejection or an approved exchange. */
    private static Optional<Approval> approvalIn(Object decision) {
        if (decision instanceof RefundApproved approved) {
            return Optional.of(new Approval(approved.refundId(), approved.header().orderId(), approved.refundAmount()));
        }
        if (decision instanceof RefundReviewed reviewed && reviewed.paysMoney()) {
            return Optional.of(new Approval(reviewed.refundId(), reviewed.header().orderId(), reviewed.refundAmount()));
        }
        return Optional.empty();
    }

    private void schedule(Approval approval) {
        worker.schedule(() -> settle(approval), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void settle(Approval approval) {
        if (!settled.add(approval.refundId())) {
            return; // a redelivered decision: paid back (or refused) already
        }
        try (var ignored = MDC.putCloseable("refundId", approval.refundId())) {
            Optional<String> failure = failureReason.apply(approval).or(() -> beyondTheOrder(approval));
            SettlementStatus status = failure.isPresent() ? SettlementStatus.FAILED : SettlementStatus.EXECUTED;
            publish(new BillingRefund(approval.refundId(), approval.orderId(), approval.amount(), status,
                    failure.orElse(null), clock.instant()));
            if (failure.isPresent()) {
                failedRefunds.add(approval.refundId());
                log.info("billing could not refund {} on order {}: {}", approval.amount(), approval.orderId(),
                        failure.get());
                return;
            }
            BillingOrder order = orders.get(approval.orderId());
            if (order != null) {
                BillingOrder refunded = withRefunded(order, approvedOn(order.refunded(), approval.amount()));
                orders.put(order.orderId(), refunded);
                publish(refunded);
            }
            log.info("billing refunded {} on order {}", approval.amount(), approval.orderId());
        }
    }

    /**
     * Why billing's own record of the order does not allow paying this back: it never sold the order, or what it
     * paid back on the order so far plus this would exceed what the order was paid.
     */
    private Optional<String> beyondTheOrder(Approval approval) {
        BillingOrder order = orders.get(approval.orderId());
        if (order == null) {
            return Optional.of("Billing has no order " + approval.orderId() + " to refund.");
        }
        Money paid = order.paidAmount();
        if (!paid.currency().equals(approval.amount().currency())) {
            return Optional.of("Order " + order.orderId() + " was paid in " + paid.currency() + ", not in "
                    + approval.amount().currency() + ".");
        }
        Money left = paid.minus(refundedOn(order)).atLeastZero();
        if (approval.amount().isGreaterThan(left)) {
            return Optional.of("A refund of " + approval.amount() + " is more than is left to refund on order "
                    + order.orderId() + ": " + left + " of the " + paid + " paid.");
        }
        return Optional.empty();
    }

    private static Money refundedOn(BillingOrder order) {
        return order.refunded() == null ? Money.zero(order.paidAmount().currency()) : order.refunded();
    }

    private static Money approvedOn(Money refunded, Money amount) {
        return refunded == null ? amount : refunded.plus(amount);
    }

    private static BillingOrder withRefunded(BillingOrder o, Money refunded) {
        return new BillingOrder(o.orderId(), o.customerId(), o.customerEmail(), o.customerLocale(), o.productKind(),
                o.billingMode(), o.paidAmount(), o.paidAt(), o.termStart(), o.termEnd(), o.serviceStatus(),
                o.imageUsage(), refunded);
    }

    private void publish(Object payload) {
        EncodedEvent event = codec.encode(EventEnvelope.of(DemoBilling.SOURCE, payload, clock));
        if (payload instanceof BillingOrder) {
            republishedUnread.add(event.headers().get(CloudEventHeaders.ID)); // before the reader can meet it
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        event.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                log.warn("billing could not publish to {}: {}", event.topic(), error.toString());
            }
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
