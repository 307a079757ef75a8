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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        decideAll(List.of(new RequestOnOrder(request, order)));
    }

    /**
     * Decides requests whose billing orders are known, in their order, as {@link #decide} would one after the
     * other, with one statement per table for all of them: their orders' ledgers are locked together (in
     * {@code order_id} order, so that two instances deciding overlapping sets cannot deadlock) and read together,
     * and each request then sees, besides what the ledger held, what the requests before it on the same order
     * reserved (a view kept here until the reservations are written): never more than was paid is approved.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void decideAll(List<RequestOnOrder> requests) {
        Instant now = now();
        Map<String, BillingOrder> owned = new HashMap<>();
        requests.stream().filter(Decider::ownerAsks).forEach(r -> owned.put(r.order().orderId(), r.order()));
        Map<String, LedgerView> money = new HashMap<>();
        if (!owned.isEmpty()) {
            ledger.lockAll(owned.keySet(), now);
            money.putAll(ledger.views(owned.values()));
        }
        List<Made> made = new ArrayList<>(requests.size());
        for (RequestOnOrder next : requests) {
            if (!ownerAsks(next)) {
                made.add(mismatch(next.request(), next.order(), now));
                continue;
            }
            String orderId = next.order().orderId();
            Made decision = byPolicy(next.request(), next.order(), money.get(orderId), now);
            if (decision.stored().outcome() == DecisionOutcome.APPROVED) {
                money.put(orderId, money.get(orderId).reserving(decision.stored().refundAmount()));
            }
            made.add(decision);
        }
        record(made, now);
    }

    private static boolean ownerAsks(RequestOnOrder next) {
        return next.order().customerId().equals(next.request().customerId());
    }

    /** The policy's decision on a request, given the order's money as the ledger (and the requests before) left it. */
    private Made byPolicy(RefundRequested request, BillingOrder order, LedgerView money, Instant now) {
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
        String summary = "decided " + outcome + " by rule " + verdict.ruleId() + " of policy "
                + verdict.policyVersion() + " (" + verdict.reasonCode()
                + (verdict.refundAmount() == null ? "" : ", " + verdict.refundAmount()) + "); order "
                + order.orderId() + ": " + money.describe();
        return made(new StoredDecision(request.refundId(), request.orderId(), outcome, DecisionBasis.POLICY,
                verdict.policyVersion(), verdict.ruleId(), verdict.reasonCode(), verdict.reason(),
                verdict.refundAmount(), verdict.remedy(), trace, request, order, facts.alreadyRefunded(), false, null,
                now, null), event, verdict instanceof SendToReview review && review.askForEvidence(), summary);
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
            record(List.of(made(new StoredDecision(request.refundId(), request.orderId(),
                    DecisionOutcome.MANUAL_REVIEW, DecisionBasis.ORDER_UNKNOWN, engine.version(), ORDER_UNKNOWN_RULE,
                    ORDER_UNKNOWN, reason, null, null, trace, request, null, null, false, null, now, null), event, false,
                    "order unknown → manual review: billing order " + request.orderId() + " not received within "
                            + properties.orderWait())), now);
        }
    }

    private Made mismatch(RefundRequested request, BillingOrder order, Instant now) {
        LocalizedText reason = properties.texts().customerMismatch();
        // The owner is told, in the owner's language: the requester's locale is not trusted either.
        Recipient recipient = Recipients.of(order, null);
        String flag = "request customer " + request.customerId() + " does not own order " + order.orderId()
                + " (owner " + order.customerId() + ")";
        RefundRejected event = new RefundRejected(header(request, recipient, now, engine.version(),
                CUSTOMER_MISMATCH_RULE, CUSTOMER_MISMATCH, reason), null);
        return made(new StoredDecision(request.refundId(), request.orderId(), DecisionOutcome.REJECTED,
                DecisionBasis.CUSTOMER_MISMATCH, engine.version(), CUSTOMER_MISMATCH_RULE, CUSTOMER_MISMATCH, reason,
                null, null, List.of(CUSTOMER_MISMATCH_RULE + ": fired REJECT (" + flag + ")"), request, order, null,
                true, flag, now, null), event, false, "customer mismatch: " + flag + "; rejected and flagged");
    }

    /** Every decision of a request answers it: same refund, case and order. */
    private static DecisionHeader header(RefundRequested request, Recipient recipient, Instant decidedAt,
            String policyVersion, String ruleId, String reasonCode, LocalizedText reason) {
        return new DecisionHeader(request.refundId(), request.caseNumber(), request.orderId(), recipient, decidedAt,
                policyVersion, ruleId, reasonCode, reason);
    }

    /**
     * A decision as made, before it is stored: its row, its event (whose id the row keeps), whether the customer is
     * asked for evidence at once, and the line that tells it in the log.
     */
    private record Made(StoredDecision stored, EventEnvelope<RefundDecision> event, boolean askForEvidence,
            String summary) {
    }

    private Made made(StoredDecision decision, RefundDecision event, boolean askForEvidence, String summary) {
        EventEnvelope<RefundDecision> envelope = EventEnvelope.of(properties.eventSource(), event, clock);
        return new Made(decision.withEventId(envelope.id()), envelope, askForEvidence, summary);
    }

    /**
     * Stores decisions with their review cases, reservations and events, one statement per table. A refund that
     * already has a decision keeps it: its new one is dropped and nothing of it is published or reserved (a
     * request decided after one so dropped may then see less refundable than there is, never more).
     */
    private void record(List<Made> made, Instant now) {
        Set<String> stored = decisions.insertAll(made.stream().map(Made::stored).toList());
        List<Made> kept = new ArrayList<>(stored.size());
        for (Made decision : made) {
            if (stored.contains(decision.stored().refundId())) {
                kept.add(decision);
            } else {
                try (var ignored = MDC.putCloseable("refundId", decision.stored().refundId())) {
                    log.info("refund already decided; the new decision is dropped and nothing is published");
                }
            }
        }
        reviews.openAll(kept.stream().map(Made::stored).filter(d -> d.outcome() == DecisionOutcome.MANUAL_REVIEW)
                .map(d -> new ReviewOpening(d.refundId(), d.orderId(), d.request().ground(),
                        d.order() == null ? null : d.order().productKind(), d.decidedAt()))
                .toList());
        outbox.appendAll(kept.stream().map(Made::event).toList());
        ledger.reserveAll(kept.stream().map(Made::stored).filter(d -> d.outcome() == DecisionOutcome.APPROVED)
                .map(d -> new Ledger.NewEntry(d.refundId(), d.orderId(), d.refundAmount())).toList(), now);
        for (Made decision : kept) {
            try (var ignored = MDC.putCloseable("refundId", decision.stored().refundId())) {
                if (decision.askForEvidence()) {
                    reviews.askForEvidenceAtOnce(decision.stored().refundId());
                }
                if (decision.stored().flagged()) {
                    log.warn(decision.summary());
                } else {
                    log.info(decision.summary());
                }
            }
        }
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: the event and the row carry the same instant.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
