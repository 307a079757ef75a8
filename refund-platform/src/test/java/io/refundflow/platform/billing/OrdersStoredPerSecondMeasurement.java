package io.refundflow.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many billing orders one service stores per second, in polls as the listener gets them, each poll one
 * transaction: one upsert per order ({@link BillingOrders#store}, what the copy did before), a JDBC batch of those
 * upserts (with and without the driver's rewriting into multi-row inserts), and one upsert per poll
 * ({@link BillingOrders#storeAll}). The variants take turns, so that a machine shared with other work slows each
 * alike. Not part of the suite (it measures, asserts only that every variant stored its orders); run it alone:
 * {@code -Dtest=OrdersStoredPerSecondMeasurement}.
 */
@SpringBootTest(properties = {"spring.application.name=platform-orders-stored-measurement",
        "spring.datasource.hikari.schema=" + BillingOrderCopyTest.SCHEMA,
        "spring.flyway.schemas=" + BillingOrderCopyTest.SCHEMA,
        "spring.flyway.locations=classpath:db/platform,classpath:db/billing"})
@WithRealInfrastructure
@Import(BillingOrders.class)
class OrdersStoredPerSecondMeasurement {

    /** A full poll: the consumer's default max.poll.records. */
    static final int POLL = 500;
    static final int POLLS_PER_ROUND = 10;
    static final int ROUNDS = 3;

    @Autowired
    BillingOrders orders;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Clock clock;
    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.datasource.username}")
    String user;

    @Test
    void ordersStoredPerSecond() {
        SingleConnectionDataSource rewriting = new SingleConnectionDataSource(
                url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true&currentSchema="
                        + BillingOrderCopyTest.SCHEMA, user, "", true);
        JdbcTemplate rewritingJdbc = new JdbcTemplate(rewriting);
        TransactionTemplate rewritingTransactions = new TransactionTemplate(
                new DataSourceTransactionManager(rewriting));
        List<Variant> variants = List.of(
                new Variant("one upsert per order (before)", transactions,
                        poll -> poll.forEach(order -> orders.store(order, clock.instant()))),
                new Variant("JDBC batch of upserts", transactions, poll -> batch(jdbc, poll)),
                new Variant("JDBC batch, reWriteBatchedInserts", rewritingTransactions,
                        poll -> batch(rewritingJdbc, poll)),
                new Variant("one upsert per poll (storeAll, after)", transactions,
                        poll -> orders.storeAll(poll, clock.instant())));
        measure(variants, 1); // warm-up: the JIT, the connection pool, the table's first pages
        long[] nanos = measure(variants, ROUNDS);
        int stored = ROUNDS * POLLS_PER_ROUND * POLL;
        for (int v = 0; v < variants.size(); v++) {
            System.out.printf("%-40s %6d orders in %6d ms = %8.0f orders/s%n", variants.get(v).name(), stored,
                    nanos[v] / 1_000_000, stored / (nanos[v] / 1e9));
        }
        rewriting.destroy();
    }

    /** Nanoseconds each variant took, over these rounds of polls of new orders, the variants taking turns. */
    private long[] measure(List<Variant> variants, int rounds) {
        long[] nanos = new long[variants.size()];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get(v);
                List<List<BillingOrder>> polls = new ArrayList<>();
                for (int p = 0; p < POLLS_PER_ROUND; p++) {
                    polls.add(poll());
                }
                long start = System.nanoTime();
                for (List<BillingOrder> poll : polls) {
                    variant.transactions().executeWithoutResult(status -> variant.store().accept(poll));
                }
                nanos[v] += System.nanoTime() - start;
                assertThat(orders.findAll(polls.get(0).stream().map(BillingOrder::orderId).toList()))
                        .as(variant.name()).hasSize(POLL);
            }
        }
        return nanos;
    }

    private void batch(JdbcTemplate template, List<BillingOrder> poll) {
        template.batchUpdate(BillingOrders.UPSERT,
                poll.stream().map(order -> BillingOrders.parameters(order, clock.instant())).toList());
    }

    private static List<BillingOrder> poll() {
        List<BillingOrder> poll = new ArrayList<>(POLL);
        for (int i = 0; i < POLL; i++) {
            poll.add(BillingOrderCopyTest.order("o-" + UUID.randomUUID(), "10.00", i % 3 == 0 ? "1.00" : null));
        }
        return poll;
    }

    record Variant(String name, TransactionTemplate transactions, Consumer<List<BillingOrder>> store) {
    }
}
