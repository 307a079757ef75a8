package io.refundflow.evaluator.requests;

import static io.refundflow.evaluator.Fixtures.SOURCE;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.LedgerRows.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.evaluator.LedgerRows.Row;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.RefundRequested;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.Subscriptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll of refund requests handled as a set ({@link RefundRequestListener#handleAll}) against the real database:
 * each request is decided as it would be alone ({@link RefundRequestListener#handle}, one transaction each), and
 * requests for one order in one poll never approve more than was paid. (Through the broker, with a poll that
 * fails as a set: {@link PollFallbackTest}.)
 */
@EvaluatorTest
class RequestSetTest {

    /** A 150.00 server paid 10.5 days ago: a claim comes to 145.48 (354 of 365 days), the rest is 4.52. */
    static final Money PAID = Money.of("150.00", "CNY");

    @Autowired
    RefundRequestListener listener;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    BillingOrders orders;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    @Test
    void claimsOnOneOrderInOnePollApproveOnlyWhatWasPaid() {
        // given a 150.00 server
        String orderId = id("o");
        store(Fixtures.server(orderId, "c-1", daysAgo(10.5), PAID));

        // when three evidenced claims for it (small claims, approved at once up to what is left) come in one poll
        List<String> refundIds = List.of(id("r"), id("r"), id("r"));
        inOnePoll(refundIds.stream().map(refundId -> delivery(claim(refundId, orderId, true))).toList());

        // then the first takes 145.48, the second the 4.52 left, the third finds nothing left, in the poll's order
        assertThat(decided(refundIds)).containsExactly(
                new Decided("APPROVED", "POLICY", "server.claim.small-auto-approve", new BigDecimal("145.48"), false),
                new Decided("APPROVED", "POLICY", "server.claim.small-auto-approve", new BigDecimal("4.52"), false),
                new Decided("REJECTED", "POLICY", "cap.nothing-left-to-refund", null, false));
        assertThat(entries(jdbc, orderId)).extracting(Row::amount).map(BigDecimal::toPlainString)
                .containsExactlyInAnyOrder("145.48", "4.52");
        assertThat(jdbc.queryForObject("select rule_trace::text from evaluator.decision where refund_id = ?",
                String.class, refundIds.get(1))).contains("reserved 145.48 CNY");
    }

    @Test
    void aPollIsDecidedAsItsRequestsAreOneAtATime() {
        // given each kind of request twice, on orders of its own: one to handle alone, one in a poll
        List<Scenario> alone = scenarios();
        List<Scenario> together = scenarios();
        String waitingForEvidence = id("r");
        String serverOfReview = id("o");
        store(Fixtures.server(serverOfReview, "c-1", daysAgo(10.5), PAID));
        handleAlone(delivery(claim(waitingForEvidence, serverOfReview, false)));

        // when the first are handled one at a time, each in its own transaction, and the others in one poll, with
        // the files a customer added to an earlier review among them
        alone.forEach(scenario -> scenario.deliveries.forEach(this::handleAlone));
        List<Delivery<Record>> poll = new ArrayList<>();
        together.forEach(scenario -> poll.addAll(scenario.deliveries));
        poll.add(poll.size() / 2, delivery(Fixtures.evidenceAdded(waitingForEvidence, serverOfReview)));
        inOnePoll(poll);

        // then every request of the poll is decided (or left waiting) as its twin was alone, as the existing
        // scenarios expect, and the files reached the review
        for (int i = 0; i < alone.size(); i++) {
            Scenario one = alone.get(i);
            Scenario set = together.get(i);
            assertThat(decided(set.refundIds)).as(set.name).isEqualTo(decided(one.refundIds))
                    .isEqualTo(set.expected);
            assertThat(waiting(set.refundIds)).as(set.name).isEqualTo(waiting(one.refundIds));
            assertThat(reviewStatus(set.refundIds)).as(set.name).isEqualTo(reviewStatus(one.refundIds));
        }
        assertThat(reviewStatus(List.of(waitingForEvidence))).containsExactly("OPEN");
    }

    /** One kind of request, on orders of its own, and what the policy decides for it. */
    private record Scenario(String name, List<String> refundIds, List<Delivery<Record>> deliveries,
            List<Decided> expected) {
    }

    private List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        String saas = id("o");
        store(Fixtures.saas(saas, "c-1", daysAgo(2)));
        String full = id("r");
        scenarios.add(new Scenario("a SAAS order refunded in full", List.of(full),
                List.of(delivery(Fixtures.request(full, saas, "c-1", Ground.UNSATISFIED))),
                List.of(new Decided("APPROVED", "POLICY", "saas.guarantee.inside", new BigDecimal("100.00"), false))));
        String other = id("r");
        scenarios.add(new Scenario("a second case on the same order, redelivered", List.of(other),
                List.of(delivery(Fixtures.request(other, saas, "c-1", Ground.UNSATISFIED)),
                        delivery(Fixtures.request(other, saas, "c-1", Ground.UNSATISFIED))),
                List.of(new Decided("REJECTED", "POLICY", "cap.nothing-left-to-refund", null, false))));
        String stranger = id("r");
        String owned = id("o");
        store(Fixtures.saas(owned, "c-1", daysAgo(2)));
        scenarios.add(new Scenario("someone else's order", List.of(stranger),
                List.of(delivery(Fixtures.request(stranger, owned, "c-2", Ground.UNSATISFIED))),
                List.of(new Decided("REJECTED", "CUSTOMER_MISMATCH", "trust.customer-mismatch", null, true))));
        String unknown = id("r");
        scenarios.add(new Scenario("an order billing has not sent yet", List.of(unknown),
                List.of(delivery(Fixtures.request(unknown, id("o"), "c-1", Ground.UNSATISFIED))), List.of()));
        String withoutEvidence = id("r");
        String server = id("o");
        store(Fixtures.server(server, "c-1", daysAgo(10.5), PAID));
        scenarios.add(new Scenario("a claim without evidence", List.of(withoutEvidence),
                List.of(delivery(claim(withoutEvidence, server, false))),
                List.of(new Decided("MANUAL_REVIEW", "POLICY", "server.claim.evidence-missing",
                        new BigDecimal("145.48"), false))));
        return scenarios;
    }

    /** A decision as stored, in the terms the scenarios compare. */
    record Decided(String outcome, String basis, String ruleId, BigDecimal amount, boolean flagged) {
    }

    private List<Decided> decided(List<String> refundIds) {
        List<Decided> decided = new ArrayList<>();
        for (String refundId : refundIds) {
            decided.addAll(jdbc.query("""
                    select outcome, basis, rule_id, refund_amount, flagged from evaluator.decision
                    where refund_id = ?""", (rs, i) -> new Decided(rs.getString("outcome"), rs.getString("basis"),
                    rs.getString("rule_id"), rs.getBigDecimal("refund_amount") == null ? null
                            : rs.getBigDecimal("refund_amount").setScale(2), rs.getBoolean("flagged")), refundId));
        }
        return decided;
    }

    private List<Boolean> waiting(List<String> refundIds) {
        return refundIds.stream().map(refundId -> jdbc.queryForObject(
                "select count(*) from evaluator.order_wait where refund_id = ?", Integer.class, refundId) == 1)
                .toList();
    }

    private List<String> reviewStatus(List<String> refundIds) {
        List<String> statuses = new ArrayList<>();
        for (String refundId : refundIds) {
            statuses.addAll(jdbc.queryForList("select status from evaluator.manual_review where refund_id = ?",
                    String.class, refundId));
        }
        return statuses;
    }

    private void inOnePoll(List<Delivery<Record>> deliveries) {
        transactions.executeWithoutResult(status -> listener.handleAll(deliveries));
    }

    private void handleAlone(Delivery<Record> delivery) {
        transactions.executeWithoutResult(status -> listener.handle(delivery));
    }

    private void store(BillingOrder order) {
        orders.store(order, clock.instant());
    }

    private Delivery<Record> delivery(Record payload) {
        return new Delivery<>(Subscriptions.REQUESTS.refundId().apply(payload), EventEnvelope.of(SOURCE, payload, clock),
                Optional.empty());
    }

    private static RefundRequested claim(String refundId, String orderId, boolean evidence) {
        return Fixtures.request(refundId, orderId, "c-1", Ground.QUALITY_ISSUE,
                evidence ? List.of(Fixtures.screenshot()) : List.of());
    }
}
