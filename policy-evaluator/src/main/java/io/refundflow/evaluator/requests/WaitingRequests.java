package io.refundflow.evaluator.requests;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.decide.Decider;
import io.refundflow.evaluator.decide.RequestOnOrder;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.RefundRequested;
import io.refundflow.platform.billing.BillingOrders;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests whose billing order is not known yet ({@code order_wait}). They never block a partition: they wait
 * in the table until their order arrives (decided in the billing consumer's transaction) or their deadline
 * passes (manual review, ORDER_UNKNOWN). Each waiting row is taken by deleting it, so exactly one of the
 * billing consumer, the sweeper, or another instance's sweeper decides it.
 */
@Service
public class WaitingRequests {

    private static final Logger log = LoggerFactory.getLogger(WaitingRequests.class);

    private final JdbcTemplate jdbc;
    private final RefundRequests requests;
    private final BillingOrders orders;
    private final Decider decider;
    private final EvaluatorProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WaitingRequests(JdbcTemplate jdbc, RefundRequests requests, BillingOrders orders, Decider decider,
            EvaluatorProperties properties, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.orders = orders;
        this.decider = decider;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void waitForOrder(RefundRequested request, Instant receivedAt) {
        Instant deadline = receivedAt.plus(properties.orderWait());
        jdbc.update("insert into order_wait (refund_id, order_id, received_at, deadline) values (?, ?, ?, ?)",
                request.refundId(), request.orderId(), Timestamp.from(receivedAt), Timestamp.from(deadline));
        log.info("waiting for order {} until {}", request.orderId(), deadline);
    }

    /** Decides the requests that waited for this order; runs in the billing consumer's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void decideWaitingFor(BillingOrder order) {
        decideWaitingForAll(List.of(order));
    }

    /**
     * Decides the requests that waited for any of a poll's orders, in the billing consumer's transaction, as
     * {@link #decideWaitingFor} would for each order in turn: the waiting rows taken with one statement, and the
     * requests decided together ({@link Decider#decideAll}), each with the first version of its order in the
     * poll (the one that found it waiting, when the orders are handled one at a time).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void decideWaitingForAll(List<BillingOrder> arrived) {
        Map<String, BillingOrder> firstVersions = new LinkedHashMap<>();
        arrived.forEach(order -> firstVersions.putIfAbsent(order.orderId(), order));
        Map<String, List<String>> waitingOn = new HashMap<>();
        RowCallbackHandler taken = rs -> waitingOn
                .computeIfAbsent(rs.getString("order_id"), orderId -> new ArrayList<>()).add(rs.getString("refund_id"));
        jdbc.query("delete from order_wait where order_id = any(?) returning order_id, refund_id", taken,
                (Object) firstVersions.keySet().toArray(String[]::new));
        List<RequestOnOrder> decidable = new ArrayList<>();
        firstVersions.forEach((orderId, order) -> {
            for (String refundId : waitingOn.getOrDefault(orderId, List.of())) {
                try (var ignored = MDC.putCloseable("refundId", refundId)) {
                    log.info("order {} arrived, deciding the waiting request", orderId);
                }
                decidable.add(new RequestOnOrder(request(refundId), order));
            }
        });
        decider.decideAll(decidable);
    }

    /**
     * Decides waiting requests whose order is known by now (an order stored while its request was being
     * accepted, in two concurrent transactions), then sends expired ones to manual review.
     *
     * @return how many waiting requests were settled
     */
    public int sweep() {
        int settled = 0;
        Integer known;
        do {
            known = transactions.execute(status -> settleKnownOrders());
            settled += known == null ? 0 : known;
        } while (known != null && known == properties.sweepBatchSize());
        Integer expired;
        do {
            expired = transactions.execute(status -> settleExpired());
            settled += expired == null ? 0 : expired;
        } while (expired != null && expired == properties.sweepBatchSize());
        return settled;
    }

    private int settleKnownOrders() {
        List<String> refundIds = jdbc.queryForList("""
                delete from order_wait where refund_id in (
                    select w.refund_id from order_wait w join billing_order b on b.order_id = w.order_id
                    order by w.deadline limit ? for update of w skip locked)
                returning refund_id""", String.class, properties.sweepBatchSize());
        // Each decision locks its order's ledger until this transaction commits; taking the orders in one fixed
        // order means two sweepers (instances) whose batches share orders cannot deadlock.
        List<RefundRequested> byOrder = refundIds.stream().map(this::request)
                .sorted(Comparator.comparing(RefundRequested::orderId).thenComparing(RefundRequested::refundId))
                .toList();
        for (RefundRequested request : byOrder) {
            BillingOrder order = orders.find(request.orderId())
                    .orElseThrow(() -> new IllegalStateException("billing order " + request.orderId() + " vanished"));
            decider.decide(request, order);
        }
        return refundIds.size();
    }

    private int settleExpired() {
        List<String> refundIds = jdbc.queryForList("""
                delete from order_wait where refund_id in (
                    select refund_id from order_wait where deadline <= ?
                    order by deadline limit ? for update skip locked)
                returning refund_id""", String.class, Timestamp.from(clock.instant()), properties.sweepBatchSize());
        for (String refundId : refundIds) {
            decider.orderUnknown(request(refundId));
        }
        return refundIds.size();
    }

    private RefundRequested request(String refundId) {
        return requests.find(refundId)
                .orElseThrow(() -> new IllegalStateException("waiting refund " + refundId + " has no stored request"));
    }
}
