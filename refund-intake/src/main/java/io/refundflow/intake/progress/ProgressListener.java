package io.refundflow.intake.progress;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.intake.model.CaseStatus;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.model.EvidenceRequest;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.intake.ledger.OrderRefunds;
import io.refundflow.intake.submit.Submissions;
import io.refundflow.intake.submit.Submissions.Submission;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.ProcessedEvents;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps case status and timeline current from the review step's decisions ({@link NotificationListener} adds
 * the notify step's notifications). A decision on an earlier application of a case (before a resubmission) is kept in the
 * history but does not change the case's status. An event about a refund intake does not know yet (read
 * before the request it answers) is held ({@link ParkedEvents}) and applied when the request arrives
 * ({@link EarlyEvents}). A decision is applied only when it is about that refund's order: one naming another
 * order was not written by the review step for this case and changes nothing (logged as a warning; a trust
 * rule, not an ordering problem, so it is not held). An approval's amount goes to the order's refund ledger
 * ({@link OrderRefunds}) for the submit-time check; an approved exchange (EXCHANGE_APPROVED) moves no money, so it
 * shows no amount and reserves nothing, whatever amount its event carries. A reviewer's request for more evidence is not a decision
 * that closes the request: the case awaits the customer's files (AWAITING_EVIDENCE) and shows what the reviewer
 * asked for and until when. An overdue review ({@link ReviewOverdue}) is for the ops mailbox, not the customer: it
 * is consumed and changes nothing on the case.
 */
@Component
class ProgressListener implements EventHandler<RefundDecision> {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    private final Cases cases;
    private final Submissions submissions;
    private final ProcessedEvents processed;
    private final OrderRefunds ledger;
    private final ParkedEvents parked;
    private final Clock clock;

    ProgressListener(Cases cases, Submissions submissions, ProcessedEvents processed, OrderRefunds ledger,
            ParkedEvents parked, Clock clock) {
        this.cases = cases;
        this.submissions = submissions;
        this.processed = processed;
        this.ledger = ledger;
        this.parked = parked;
        this.clock = clock;
    }

    /** Deduplicated here, not before: a decision about a refund not known yet is held, and deduplicated when applied. */
    @Override
    public Subscription<RefundDecision> subscription() {
        return Subscriptions.DECISIONS.dedupedByHandler();
    }

    @Override
    public void handle(Delivery<RefundDecision> decision) {
        if (!apply(decision.event())) {
            parked.park(decision.event(), decision.payload().refundId());
        }
    }

    /**
     * Applies a decision held before its refund was known ({@link EarlyEvents}); returns false, changing nothing,
     * while the refund is still unknown.
     */
    @Transactional
    public boolean applyDecision(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, RefundDecision.class, RefundDecision::refundId)) {
            return apply(delivered.event());
        }
    }

    /**
     * Applies a decision about a refund intake knows (ignoring, with a warning, one that names another order
     * than the refund's); returns false, changing nothing, when the refund is not known yet.
     */
    private boolean apply(EventEnvelope<RefundDecision> event) {
        RefundDecision decision = event.data();
        if (decision instanceof ReviewOverdue overdue) {
            return leaveCaseToOps(event, overdue);
        }
        Optional<Submission> submission = submissions.find(decision.refundId());
        if (submission.isEmpty()) {
            return false;
        }
        DecisionHeader header = decision.header();
        if (!submission.get().orderId().equals(header.orderId())) {
            log.warn("decision {} ({} from {}) names order {}, but refund {} is on order {}: ignored, case"
                    + " unchanged", event.id(), event.type().ceType(), event.source(), header.orderId(),
                    decision.refundId(), submission.get().orderId());
            return true;
        }
        if (!processed.firstDelivery(event)) {
            return true;
        }
        String locale = submission.get().locale();
        Outcome outcome = outcome(decision, locale);
        String caseId = submission.get().caseId();
        cases.append(new TimelineEntry(caseId, decision.refundId(), TimelineStep.REVIEWED, header.decidedAt(),
                outcome.status().name(), outcome.amount(),
                header.reason() == null ? null : header.reason().in(locale), outcome.remedy(),
                header.reasonCode(), event.id()));
        if (!outcome.status().isOpen()) {
            submissions.close(decision.refundId());
        }
        if (outcome.status() == CaseStatus.APPROVED && outcome.amount() != null) {
            ledger.approved(decision.refundId(), header.orderId(), outcome.amount(), clock.instant());
        }
        RefundCase c = cases.lock(caseId).orElseThrow();
        if (decision.refundId().equals(c.currentRefundId()) && c.status().isSettled()) {
            log.info("decision on case {} read after billing settled its refund: recorded in its history, the"
                    + " case stays {}", c.caseNumber(), c.status());
        } else if (decision.refundId().equals(c.currentRefundId())
                && decision instanceof EvidenceRequested asked) {
            awaitEvidence(c, asked);
        } else if (decision.refundId().equals(c.currentRefundId())) {
            cases.update(caseId, outcome.status(), c.currentRefundId(), outcome.remedy() != null);
            log.info("case {} is now {} (rule {}, policy {})", c.caseNumber(), outcome.status(),
                    header.ruleId(), header.policyVersion());
        } else {
            log.info("decision on an earlier application of case {} recorded in its history", c.caseNumber());
        }
        return true;
    }

    /**
     * An overdue review asks ops to take or hand over a review; for the customer nothing happened, so the case,
     * its timeline and history, and the ledger stay as they are. Consumed whether or not the refund is known yet
     * (holding it would only dead-letter it later for no effect).
     */
    private boolean leaveCaseToOps(EventEnvelope<RefundDecision> event, ReviewOverdue overdue) {
        if (processed.firstDelivery(event)) {
            log.info("review of refund {} overdue since {} ({}{}): escalated to ops, the customer's case is unchanged",
                    overdue.refundId(), overdue.dueAt(), overdue.status(),
                    overdue.claimedBy() == null ? ", unclaimed" : ", claimed by " + overdue.claimedBy());
        }
        return true;
    }

    /**
     * The case's request waits for the customer's files; a request for evidence on a case already decided
     * changes nothing (the review step asks only while a person reviews the request).
     */
    private void awaitEvidence(RefundCase c, EvidenceRequested asked) {
        if (!c.status().isOpen()) {
            log.warn("evidence request on case {} read while the case is {}: recorded in its history, the case"
                    + " stays {}", c.caseNumber(), c.status(), c.status());
            return;
        }
        cases.awaitEvidence(c.caseId(), new EvidenceRequest(asked.message(), asked.answerBy()));
        log.info("case {} awaits evidence from the customer until {} (asked by {}, rule {}, policy {})",
                c.caseNumber(), asked.answerBy(), asked.requestedBy(), asked.header().ruleId(),
                asked.header().policyVersion());
    }

    /**
     * What a decision does to its case. {@code remedy} is what the customer can do: after a rejection, before
     * applying again; when evidence is asked for, the reviewer's words on what is missing.
     */
    private record Outcome(CaseStatus status, Money amount, String remedy) {
    }

    private static Outcome outcome(RefundDecision decision, String locale) {
        if (decision instanceof RefundApproved approved) {
            return new Outcome(CaseStatus.APPROVED, approved.refundAmount(), null);
        }
        if (decision instanceof RefundRejected rejected) {
            return new Outcome(CaseStatus.REJECTED, null,
                    rejected.remedy() == null ? null : rejected.remedy().in(locale));
        }
        if (decision instanceof ManualReviewRequired manual) {
            return new Outcome(CaseStatus.UNDER_REVIEW, manual.proposedAmount(), null);
        }
        if (decision instanceof EvidenceRequested asked) {
            return new Outcome(CaseStatus.AWAITING_EVIDENCE, null, asked.message());
        }
        if (decision instanceof RefundReviewed reviewed) {
            if (reviewed.approved() && reviewed.exchange()) {
                return new Outcome(CaseStatus.EXCHANGE_APPROVED, null, null);
            }
            // only an approval that pays money carries an amount, to the case and to the order's ledger
            return new Outcome(reviewed.approved() ? CaseStatus.APPROVED : CaseStatus.REJECTED,
                    reviewed.paysMoney() ? reviewed.refundAmount() : null, null);
        }
        // RefundDecision is sealed: a new kind of decision is a new branch above, never a guess (an overdue review
        // never gets here: it does nothing to the case, see leaveCaseToOps)
        throw new IllegalStateException("no outcome for decision " + decision.getClass().getName());
    }
}
