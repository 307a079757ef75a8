package io.refundflow.evaluator.ledger;

import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows.Row;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.Delivery;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll of settlements handled as a set ({@link BillingRefundListener#handleAll}) against the real database: the
 * ledger ends as it does when each settlement is handled alone ({@link BillingRefundListener#handle}, one
 * transaction each), two reports of one refund in the poll included, and never counts a refund released twice.
 */
@EvaluatorTest
class SettlementSetTest {

    @Autowired
    BillingRefundListener listener;
    @Autowired
    Ledger ledger;
    @Autowired
    BillingOrders orders;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    @Test
    void aPollOfSettlementsEndsAsTheyDoOneAtATime() {
        // given each kind of settlement twice, on orders of its own: one to handle alone, one in a poll
        List<Scenario> alone = scenarios();
        List<Scenario> together = scenarios();

        // when the first are handled one at a time, each in its own transaction, and the others in one poll
        alone.forEach(scenario -> scenario.settlements.forEach(this::handleAlone));
        List<Delivery<BillingRefund>> poll = new ArrayList<>();
        together.forEach(scenario -> poll.addAll(scenario.settlements));
        inOnePoll(poll);

        // then every order's ledger is as its twin's, as expected
        for (int i = 0; i < alone.size(); i++) {
            Scenario one = alone.get(i);
            Scenario set = together.get(i);
            assertThat(kept(set)).as(set.name).isEqualTo(kept(one)).isEqualTo(set.expected);
        }
    }

    @Test
    void aFailedRefundReportedAgainInTheSamePollIsReleasedOnceAndTheOrderStaysWithinWhatWasPaid() {
        // given an order of 100.00 with refunds of 60.00 and 40.00 reserved, all of it
        String orderId = reservedOrder();
        String failing = reserve(orderId, "60.00");
        String paid = reserve(orderId, "40.00");

        // when one poll brings the failure of the first, its redelivery under a new event id with other words,
        // billing's contradicting report that it executed it after all, and the execution of the second
        inOnePoll(List.of(
                delivery(failing, orderId, "60.00", SettlementStatus.FAILED, "card expired"),
                delivery(failing, orderId, "60.00", SettlementStatus.FAILED, "card expired, again"),
                delivery(failing, orderId, "60.00", SettlementStatus.EXECUTED, null),
                delivery(paid, orderId, "40.00", SettlementStatus.EXECUTED, null)));

        // then the first word stands: released once, for the first reason; the order has 60.00 refundable again
        assertThat(entries(jdbc, orderId)).containsExactlyInAnyOrder(
                new Row(failing, "RELEASED", "SYSTEM", new BigDecimal("60.00"), "CNY", "card expired"),
                new Row(paid, "SETTLED", "SYSTEM", new BigDecimal("40.00"), "CNY", null));
        Map<String, Object> sums = jdbc.queryForMap("""
                select coalesce(sum(amount), 0) as approved,
                    coalesce(sum(amount) filter (where state = 'RELEASED'), 0) as released
                from evaluator.ledger_entry where order_id = ? and origin = 'SYSTEM'""", orderId);
        BigDecimal approved = (BigDecimal) sums.get("approved");
        BigDecimal released = (BigDecimal) sums.get("released");
        assertThat(released).isEqualByComparingTo("60.00");
        assertThat(approved.subtract(released)).isLessThanOrEqualTo(Fixtures.saas(orderId, "c-1", daysAgo(2))
                .paidAmount().amount());
    }

    /** One kind of settlement, on an order of its own, and the ledger it leaves. */
    private record Scenario(String name, String orderId, List<Delivery<BillingRefund>> settlements,
            List<Kept> expected) {
    }

    private List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        String settledOrder = reservedOrder();
        String settled = reserve(settledOrder, "100.00");
        scenarios.add(new Scenario("executed at billing's amount", settledOrder,
                List.of(delivery(settled, settledOrder, "99.00", SettlementStatus.EXECUTED, null)),
                List.of(new Kept("SETTLED", "SYSTEM", "99.00", null))));
        String failedOrder = reservedOrder();
        String failed = reserve(failedOrder, "100.00");
        scenarios.add(new Scenario("failed, then redelivered", failedOrder,
                List.of(delivery(failed, failedOrder, "100.00", SettlementStatus.FAILED, "card expired"),
                        delivery(failed, failedOrder, "100.00", SettlementStatus.FAILED, "bank refused")),
                List.of(new Kept("RELEASED", "SYSTEM", "100.00", "card expired"))));
        String contradictedOrder = reservedOrder();
        String contradicted = reserve(contradictedOrder, "30.00");
        scenarios.add(new Scenario("executed, then reported failed", contradictedOrder,
                List.of(delivery(contradicted, contradictedOrder, "30.00", SettlementStatus.EXECUTED, null),
                        delivery(contradicted, contradictedOrder, "30.00", SettlementStatus.FAILED, "reversed")),
                List.of(new Kept("SETTLED", "SYSTEM", "30.00", null))));
        String byHandOrder = reservedOrder();
        String byHand = id("billing");
        scenarios.add(new Scenario("made by billing alone, redelivered", byHandOrder,
                List.of(delivery(byHand, byHandOrder, "60.00", SettlementStatus.EXECUTED, null),
                        delivery(byHand, byHandOrder, "60.00", SettlementStatus.EXECUTED, null)),
                List.of(new Kept("SETTLED", "BILLING", "60.00", null))));
        String ownFailureOrder = reservedOrder();
        scenarios.add(new Scenario("billing's own refund failed", ownFailureOrder,
                List.of(delivery(id("billing"), ownFailureOrder, "30.00", SettlementStatus.FAILED, "bank refused")),
                List.of()));
        return scenarios;
    }

    /** An entry without the ids and times that differ between twins. */
    private record Kept(String state, String origin, String amount, String failureReason) {
    }

    private List<Kept> kept(Scenario scenario) {
        return entries(jdbc, scenario.orderId).stream().map(row -> new Kept(row.state(), row.origin(),
                row.amount().toPlainString(), row.failureReason())).toList();
    }

    /** A SAAS order of 100.00, stored. */
    private String reservedOrder() {
        String orderId = id("o");
        orders.store(Fixtures.saas(orderId, "c-1", daysAgo(2)), clock.instant());
        return orderId;
    }

    /** Reserves a refund on the order as an approval does, under its lock. */
    private String reserve(String orderId, String amount) {
        String refundId = id("r");
        transactions.executeWithoutResult(status -> {
            ledger.lock(orderId, clock.instant());
            ledger.reserve(refundId, orderId, Money.of(amount, "CNY"), clock.instant());
        });
        return refundId;
    }

    private Delivery<BillingRefund> delivery(String refundId, String orderId, String amount, SettlementStatus status,
            String reason) {
        BillingRefund refund = new BillingRefund(refundId, orderId, Money.of(amount, "CNY"), status, reason,
                clock.instant());
        return new Delivery<>(orderId, EventEnvelope.of(Fixtures.BILLING, refund, clock), Optional.empty());
    }

    private void inOnePoll(List<Delivery<BillingRefund>> deliveries) {
        transactions.executeWithoutResult(status -> listener.handleAll(deliveries));
    }

    private void handleAlone(Delivery<BillingRefund> delivery) {
        transactions.executeWithoutResult(status -> listener.handle(delivery));
    }
}
