package io.refundflow.evaluator.model.review;

import io.refundflow.evaluator.model.DecisionBasis;
import io.refundflow.evaluator.model.DecisionOutcome;
import io.refundflow.evaluator.model.LedgerView;
import io.refundflow.evaluator.model.StoredDecision;
import io.refundflow.evaluator.model.review.ManualReview.DefaultReasons;
import io.refundflow.evaluator.model.review.ManualReview.SecondReviewerNeeded;
import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A manual-review case as {@link ManualReview} sees it, built in memory: the review row, the automatic decision
 * that opened it (with cust-1's request on order ord-1, paid 100.00 EUR) and billing's order. For the fast tests of
 * the approval rules, which need no database.
 */
final class CaseInMemory {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final String ASKER = "cust-1";
    static final LocalizedText DEFAULT_APPROVAL = new LocalizedText("Approved.", "已批准。");
    static final LocalizedText DEFAULT_EXCHANGE = new LocalizedText("Exchange approved.", "同意换货。");
    static final DefaultReasons BY_DEFAULT = new DefaultReasons(DEFAULT_APPROVAL, DEFAULT_EXCHANGE);
    static final Function<Money, Optional<SecondReviewerNeeded>> NO_FOUR_EYES = amount -> Optional.empty();

    private ReviewStatus status = ReviewStatus.CLAIMED;
    private String claimedBy = "alice";
    private FirstApproval firstApproval;
    private EvidenceRequest evidenceRequest;
    private Optional<BillingOrder> order = Optional.of(orderOf(ASKER));
    private Money proposed = eur("80.00");
    private RequestKind kind = RequestKind.REFUND;

    private CaseInMemory() {
    }

    /** A refund case alice has claimed, on which the policy proposed 80.00 EUR. */
    static CaseInMemory claimedByAlice() {
        return new CaseInMemory();
    }

    CaseInMemory claimedBy(String reviewer) {
        this.claimedBy = reviewer;
        return this;
    }

    CaseInMemory status(ReviewStatus status) {
        this.status = status;
        return this;
    }

    CaseInMemory firstApprovedBy(String reviewer, String amount, LocalizedText reason) {
        this.status = ReviewStatus.AWAITING_SECOND_APPROVAL;
        this.claimedBy = null;
        this.firstApproval = new FirstApproval(reviewer, NOW.minusSeconds(3_600), eur(amount), reason);
        return this;
    }

    CaseInMemory awaitingEvidenceAskedBy(String reviewer) {
        this.status = ReviewStatus.AWAITING_EVIDENCE;
        this.evidenceRequest = new EvidenceRequest(reviewer, NOW.minusSeconds(3_600), "the invoice",
                Instant.parse("2026-12-06T11:00:00Z"));
        return this;
    }

    CaseInMemory orderOwnedBy(String customerId) {
        this.order = Optional.of(orderOf(customerId));
        return this;
    }

    CaseInMemory orderUnknown() {
        this.order = Optional.empty();
        return this;
    }

    /** The rule that opened the case proposes no refund ({@code refund: NONE}). */
    CaseInMemory policyProposesNothing() {
        this.proposed = null;
        return this;
    }

    CaseInMemory exchange() {
        this.kind = RequestKind.EXCHANGE;
        return this;
    }

    ManualReview review() {
        ReviewRow row = new ReviewRow("rf-1", "ord-1", Ground.UNSATISFIED, ProductKind.SAAS, status, NOW, claimedBy,
                claimedBy == null ? null : NOW, status == ReviewStatus.DECIDED ? "carol" : null,
                status == ReviewStatus.DECIDED ? NOW : null, null, null, null, null, null, firstApproval,
                evidenceRequest);
        RefundRequested request = new RefundRequested("rf-1", "C-1", "ord-1", ASKER, Ground.UNSATISFIED, kind,
                "slow", "en", List.of(), NOW);
        StoredDecision decision = new StoredDecision("rf-1", "ord-1", DecisionOutcome.MANUAL_REVIEW,
                DecisionBasis.POLICY, "v1", "rule-1", "MANUAL", null, proposed, null, List.of(), request,
                order.orElse(null), null, false, null, NOW, "evt-1");
        return new ManualReview(row, decision, order);
    }

    /** The order's ledger with this much left to refund of the 100.00 EUR paid. */
    static Function<BillingOrder, LedgerView> refundable(String amount) {
        return order -> LedgerView.of(eur("100.00"), null, eur("100.00").minus(eur(amount)), Money.zero("EUR"));
    }

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static BillingOrder orderOf(String customerId) {
        return new BillingOrder("ord-1", customerId, "c@example.com", "en", ProductKind.SAAS,
                BillingMode.SUBSCRIPTION, eur("100.00"), NOW, NOW, NOW.plusSeconds(86_400),
                ServiceStatus.IN_PROGRESS, null, null);
    }
}
