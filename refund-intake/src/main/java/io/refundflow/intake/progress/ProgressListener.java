package io.refundflow.intake.progress;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.InvalidEventException;
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
import io.refundflow.intake.ledger.OrderRefunds.Approval;
import io.refundflow.intake.submit.Submissions;
import io.refundflow.intake.submit.Submissions.Submission;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.ProcessedEvents;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>A poll's decisions are applied together, a few statements for all of them ({@link #handleAll}); one decision
 * goes the same way, as a poll of one, so the two never differ in what they do.
 */
@Component
class ProgressListener implements EventHandler<RefundDecision> {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
    /** The one character PostgreSQL cannot store in text. */
    private static final String NUL = "\u0000";

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

    /** One decision goes the way a poll of them goes: as a poll of one. */
    @Override
    public void handle(Delivery<RefundDecision> decision) {
        handleAll(List.of(decision));
    }

    /** A poll's decisions, applied in their order with one statement per table; those of unknown refunds held. */
    @Override
    public void handleAll(List<Delivery<RefundDecision>> decisions) {
        parked.parkAll(apply(decisions.stream().map(Delivery::event).toList()), RefundDecision::refundId);
    }

    /**
     * Applies a decision held before its refund was known ({@link EarlyEvents}); returns false, changing nothing,
     * while the refund is still unknown.
     */
    @Transactional
    public boolean applyDecision(EventEnvelope<?> event) {
        try (var delivered = DeliveredEvent.of(event, RefundDecision.class, RefundDecision::refundId)) {
            return apply(List.of(delivered.event())).isEmpty();
        }
    }

    /**
     * Applies, in their order, the decisions about refunds intake knows (ignoring, with a warning, one that names
     * another order than the refund's), each once; returns those about refunds not known yet, changing nothing for
     * them. The applications are read, the decisions deduplicated, the cases locked and each table written with one
     * statement for all of them; the cases are moved on in memory in the order of the decisions, so that two
     * decisions on one case in one poll end as if applied one after the other.
     */
    private List<EventEnvelope<RefundDecision>> apply(List<EventEnvelope<RefundDecision>> events) {
        Map<String, Submission> applications = submissions.findAll(events.stream().map(EventEnvelope::data)
                .filter(decision -> !(decision instanceof ReviewOverdue)).map(RefundDecision::refundId).toList());
        List<EventEnvelope<RefundDecision>> unknown = new ArrayList<>();
        List<EventEnvelope<RefundDecision>> trusted = new ArrayList<>();
        for (EventEnvelope<RefundDecision> event : events) {
            RefundDecision decision = event.data();
            Submission submission = applications.get(decision.refundId());
            if (decision instanceof ReviewOverdue) {
                trusted.add(event);
            } else if (submission == null) {
                unknown.add(event);
            } else if (submission.orderId().equals(decision.header().orderId())) {
                trusted.add(event);
            } else {
                try (var named = named(event)) {
                    log.warn("decision {} ({} from {}) names order {}, but refund {} is on order {}: ignored, case"
                            + " unchanged", event.id(), event.type().ceType(), event.source(),
                            decision.header().orderId(), decision.refundId(), submission.orderId());
                }
            }
        }
        List<EventEnvelope<RefundDecision>> first = FirstDeliveries.of(processed, trusted);
        Writes writes = new Writes(cases.lockAll(first.stream().map(EventEnvelope::data)
                .filter(decision -> !(decision instanceof ReviewOverdue))
                .map(decision -> applications.get(decision.refundId()).caseId()).toList()));
        for (EventEnvelope<RefundDecision> event : first) {
            try (var named = named(event)) {
                if (event.data() instanceof ReviewOverdue overdue) {
                    leaveCaseToOps(overdue);
                } else {
                    apply(event, applications.get(event.data().refundId()), writes);
                }
            }
        }
        writes.write();
        return unknown;
    }

    private void apply(EventEnvelope<RefundDecision> event, Submission submission, Writes writes) {
        RefundDecision decision = event.data();
        DecisionHeader header = decision.header();
        String locale = submission.locale();
        Outcome outcome = outcome(decision, locale);
        writes.timeline.add(storable(event, new TimelineEntry(submission.caseId(), decision.refundId(),
                TimelineStep.REVIEWED, header.decidedAt(), outcome.status().name(), outcome.amount(),
                header.reason() == null ? null : header.reason().in(locale), outcome.remedy(),
                header.reasonCode(), event.id())));
        if (!outcome.status().isOpen()) {
            writes.closed.add(decision.refundId());
        }
        if (outcome.status() == CaseStatus.APPROVED && outcome.amount() != null) {
            writes.approvals.add(new Approval(decision.refundId(), header.orderId(), outcome.amount(),
                    clock.instant()));
        }
        RefundCase c = writes.current(submission.caseId());
        if (decision.refundId().equals(c.currentRefundId()) && c.status().isSettled()) {
            log.info("decision on case {} read after billing settled its refund: recorded in its history, the"
                    + " case stays {}", c.caseNumber(), c.status());
        } else if (decision.refundId().equals(c.currentRefundId())
                && decision instanceof EvidenceRequested asked) {
            awaitEvidence(c, asked, writes);
        } else if (decision.refundId().equals(c.currentRefundId())) {
            writes.move(moved(c, outcome.status(), outcome.remedy() != null, null));
            log.info("case {} is now {} (rule {}, policy {})", c.caseNumber(), outcome.status(),
                    header.ruleId(), header.policyVersion());
        } else {
            log.info("decision on an earlier application of case {} recorded in its history", c.caseNumber());
        }
    }

    /**
     * An overdue review asks ops to take or hand over a review; for the customer nothing happened, so the case,
     * its timeline and history, and the ledger stay as they are. Consumed whether or not the refund is known yet
     * (holding it would only dead-letter it later for no effect).
     */
    private static void leaveCaseToOps(ReviewOverdue overdue) {
        log.info("review of refund {} overdue since {} ({}{}): escalated to ops, the customer's case is unchanged",
                overdue.refundId(), overdue.dueAt(), overdue.status(),
                overdue.claimedBy() == null ? ", unclaimed" : ", claimed by " + overdue.claimedBy());
    }

    /**
     * The case's request waits for the customer's files; a request for evidence on a case already decided
     * changes nothing (the review step asks only while a person reviews the request).
     */
    private void awaitEvidence(RefundCase c, EvidenceRequested asked, Writes writes) {
        if (!c.status().isOpen()) {
            log.warn("evidence request on case {} read while the case is {}: recorded in its history, the case"
                    + " stays {}", c.caseNumber(), c.status(), c.status());
            return;
        }
        writes.move(moved(c, CaseStatus.AWAITING_EVIDENCE, false,
                new EvidenceRequest(asked.message(), asked.answerBy())));
        log.info("case {} awaits evidence from the customer until {} (asked by {}, rule {}, policy {})",
                c.caseNumber(), asked.answerBy(), asked.requestedBy(), asked.header().ruleId(),
                asked.header().policyVersion());
    }

    /**
     * The case moved on to {@code status} for its current request; an evidence request it kept ends with the wait
     * unless this is one.
     */
    private RefundCase moved(RefundCase c, CaseStatus status, boolean resubmittable, EvidenceRequest evidence) {
        return new RefundCase(c.caseId(), c.caseNumber(), c.customerId(), c.orderId(), c.channel(), c.description(),
                c.openedBy(), status, c.currentRefundId(), resubmittable, evidence, c.createdAt(), clock.instant());
    }

    /**
     * A decision whose text PostgreSQL cannot store is refused as a contract violation, dead-lettered at once:
     * retried, it would fail the same way for the whole retry budget and hold up every decision behind it.
     */
    private static TimelineEntry storable(EventEnvelope<RefundDecision> event, TimelineEntry entry) {
        for (String text : Arrays.asList(entry.reason(), entry.remedy(), entry.detail())) {
            if (text != null && text.contains(NUL)) {
                throw new InvalidEventException("decision " + event.id() + ": its text contains U+0000, which"
                        + " PostgreSQL cannot store");
            }
        }
        return entry;
    }

    private static DeliveredEvent<RefundDecision> named(EventEnvelope<RefundDecision> event) {
        return DeliveredEvent.of(event, RefundDecision.class, RefundDecision::refundId);
    }

    /** What a poll's decisions write, gathered in their order and written with one statement per table. */
    private final class Writes {

        private final List<TimelineEntry> timeline = new ArrayList<>();
        private final List<String> closed = new ArrayList<>();
        private final List<Approval> approvals = new ArrayList<>();
        /** The poll's cases, locked, as the decisions so far left them. */
        private final Map<String, RefundCase> locked;
        private final Set<String> moved = new LinkedHashSet<>();

        Writes(Map<String, RefundCase> locked) {
            this.locked = locked;
        }

        RefundCase current(String caseId) {
            return locked.get(caseId);
        }

        void move(RefundCase c) {
            locked.put(c.caseId(), c);
            moved.add(c.caseId());
        }

        void write() {
            submissions.closeAll(closed);
            ledger.approvedAll(approvals);
            cases.saveAll(moved.stream().map(locked::get).toList(), timeline);
        }
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
