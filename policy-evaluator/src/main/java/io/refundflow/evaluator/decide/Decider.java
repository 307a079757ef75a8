package io.refundflow.evaluator.decide;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.ledger.Ledger;
import io.refundflow.evaluator.model.DecisionBasis;
import io.refundflow.evaluator.model.DecisionOutcome;
import io.refundflow.evaluator.model.LedgerView;
import io.refundflow.evaluator.model.StoredDecision;
import io.refundflow.evaluator.policy.Approve;
import io.refundflow.evaluator.policy.Evaluation;
import io.refundflow.evaluator.policy.OrderFacts;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.evaluator.policy.Reject;
import io.refundflow.evaluator.policy.RequestFacts;
import io.refundflow.evaluator.policy.SendToReview;
import io.refundflow.evaluator.policy.Verdict;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundRequested;
import io.refundflow.platform.ops.OpsMailbox;
import io.refundflow.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides one refund request and records the decision: the {@code decision} row (with the rule trace, the
 * request and the billing facts), the reservation of an approved refund in the order's ledger, the manual-review
 * case where a person must decide, and the decision event in the outbox, all in the caller's transaction, so the
 * decision is stored, reserved and published or none of it.
 */
@Service
public class Decider {

    /** The rule id recorded for the trust check that precedes the policy. */
    public static final String CUSTOMER_MISMATCH_RULE = "trust.customer-mismatch";
    public static final String CUSTOMER_MISMATCH = "CUSTOMER_MISMATCH";
    /** The rule id recorded when the billing order did not arrive in time. */
    public static final String ORDER_UNKNOWN_RULE = "wait.order-unknown";
    public static final String ORDER_UNKNOWN = "ORDER_UNKNOWN";
    /** The first line of a policy decision's trace: the order's money as the ledger counted it. */
    public static final String LEDGER_TRACE = "ledger: ";

    private static final Logger log = LoggerFactory.getLogger(Decider.class);

    private final PolicyEngine engine;
    private final Ledger ledger;
    private final Decisions decisions;
    private final ReviewQueue reviews;
    private final OutboxWriter outbox;
    private final EvaluatorProperties properties;
    private final OpsMailbox ops;
    private final Clock clock;

    Decider(PolicyEngine engine, Ledger ledger, Decisions decisions, ReviewQueue reviews, OutboxWriter outbox,
            EvaluatorProperties properties, OpsMailbox ops, Clock clock) {
        this.engine = engine;
        this.ledger = ledger;
        this.decisions = decisions;
        this.reviews = reviews;
        this.outbox = outbox;
        this.properties = properties;
        this.ops = ops;
        this.clock = clock;
    }

    /**
     * Decides a request whose billing order is known. The order's refund ledger is locked first and stays locked
     * until the caller commits: the policy sees what earlier decisions reserved, and an approval reserves its
     * amount before any other decision on the order can read the ledger.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void decide(RefundRequested request, BillingOrder order) {
        try (var ignored = MDC.putCloseable("refundId", request.refundId())) {
            if (!order.customerId().equals(request.customerId())) {
                rejectMismatch(request, order);
                return;
            }
            Instant now = now();
            LedgerView money = ledger.lockAndView(order, now);
            OrderFacts facts = OrderFacts.from(order, money.alreadyRefunded());
            Evaluation evaluation = engine.explain(facts, RequestFacts.from(request));
            List<String> trace = new ArrayList<>();
            trace.add(LEDGER_TRACE + money.describe());
            trace.addAll(evaluation.trace());
            Verdict verdict = evaluation.verdict();
            Recipient recipient = Recipients.of(order, request.locale());
            DecisionHeader header = header(request, recipient, now, verdict.policyVersion(), verdict.ruleId(),
                    verdict.reasonCode(), verdict.reason());
            RefundDecision event;
            DecisionOutcome outcome;
            if (verdict instanceof Approve) {
                outcome = DecisionOutcome.APPROVED;
                event = new RefundApproved(header, verdict.refundAmount());
            } else if (verdict instanceof Reject) {
                outcome = DecisionOutcome.REJECTED;
                event = new RefundRejected(header, verdict.remedy());
            } else {
                outcome = DecisionOutcome.MANUAL_REVIEW;
                event = new ManualReviewRequired(header, verdict.refundAmount());
            }
            boolean recorded = record(new StoredDecision(request.refundId(), request.orderId(), outcome,
                    DecisionBasis.POLICY, verdict.policyVersion(), verdict.ruleId(), verdict.reasonCode(),
                    verdict.reason(), verdict.refundAmount(), verdict.remedy(), trace, request, order,
                    facts.alreadyRefunded(), false, null, now, null), event);
            if (!recorded) {
                return;
            }
            if (outcome == DecisionOutcome.APPROVED) {
                ledger.reserve(request.refundId(), request.orderId(), verdict.refundAmount(), now);
            }
            if (verdict instanceof SendToReview review && review.askForEvidence()) {
                reviews.askForEvidenceAtOnce(request.refundId());
            }
            log.info("decided {} by rule {} of policy {} ({}{}); order {}: {}", outcome, verdict.ruleId(),
                    verdict.policyVersion(), verdict.reasonCode(),
                    verdict.refundAmount() == null ? "" : ", " + verdict.refundAmount(), order.orderId(),
                    money.describe());
        }
    }

    /** Sends a request whose billing order never arrived to manual review, reason ORDER_UNKNOWN. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void orderUnknown(RefundRequested request) {
        try (var ignored = MDC.putCloseable("refundId", request.refundId())) {
            Instant now = now();
            LocalizedText reason = properties.texts().orderUnknown();
            // No billing order, so no trusted customer address: the ops mailbox is told instead.
            Recipient recipient = ops.recipient();
            ManualReviewRequired event = new ManualReviewRequired(
                    header(request, recipient, now, engine.version(), ORDER_UNKNOWN_RULE, ORDER_UNKNOWN, reason), null);
            List<String> trace = List.of(ORDER_UNKNOWN_RULE + ": fired MANUAL_REVIEW (billing order "
                    + request.orderId() + " not received within " + properties.orderWait() + ")");
            if (record(new StoredDecision(request.refundId(), request.orderId(), DecisionOutcome.MANUAL_REVIEW,
                    DecisionBasis.ORDER_UNKNOWN, engine.version(), ORDER_UNKNOWN_RULE, ORDER_UNKNOWN, reason, null,
                    null, trace, request, null, null, false, null, now, null), event)) {
                log.info("order unknown → manual review: billing order {} not received within {}",
                        request.orderId(), properties.orderWait());
            }
        }
    }

    private void rejectMismatch(RefundRequested request, BillingOrder order) {
        Instant now = now();
        LocalizedText reason = properties.texts().customerMismatch();
        // The owner is told, in the owner's language: the requester's locale is not trusted either.
        Recipient recipient = Recipients.of(order, null);
        String flag = "request customer " + request.customerId() + " does not own order " + order.orderId()
                + " (owner " + order.customerId() + ")";
        RefundRejected event = new RefundRejected(header(request, recipient, now, engine.version(),
                CUSTOMER_MISMATCH_RULE, CUSTOMER_MISMATCH, reason), null);
        if (record(new StoredDecision(request.refundId(), request.orderId(), DecisionOutcome.REJECTED,
                DecisionBasis.CUSTOMER_MISMATCH, engine.version(), CUSTOMER_MISMATCH_RULE, CUSTOMER_MISMATCH, reason,
                null, null, List.of(CUSTOMER_MISMATCH_RULE + ": fired REJECT (" + flag + ")"), request, order, null,
                true, flag, now, null), event)) {
            log.warn("customer mismatch: {}; rejected and flagged", flag);
        }
    }

    /** Every decision of a request answers it: same refund, case and order. */
    private static DecisionHeader header(RefundRequested request, Recipient recipient, Instant decidedAt,
            String policyVersion, String ruleId, String reasonCode, LocalizedText reason) {
        return new DecisionHeader(request.refundId(), request.caseNumber(), request.orderId(), recipient, decidedAt,
                policyVersion, ruleId, reasonCode, reason);
    }

    private boolean record(StoredDecision decision, RefundDecision event) {
        EventEnvelope<RefundDecision> envelope = EventEnvelope.of(properties.eventSource(), event, clock);
        if (!decisions.insert(decision.withEventId(envelope.id()))) {
            log.info("refund already decided; the new decision is dropped and nothing is published");
            return false;
        }
        if (decision.outcome() == DecisionOutcome.MANUAL_REVIEW) {
            reviews.open(decision.refundId(), decision.orderId(), decision.request().ground(),
                    decision.order() == null ? null : decision.order().productKind(), decision.decidedAt());
        }
        outbox.append(envelope);
        return true;
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: the event and the row carry the same instant.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
