package io.refundflow.intake.submit;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.SettlementStatus;
import io.refundflow.intake.cases.CaseChange;
import io.refundflow.intake.cases.CaseService;
import io.refundflow.intake.cases.ContactRequest;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.model.SubmissionCheck;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.intake.evidence.CaseChanges;
import io.refundflow.intake.evidence.EvidenceFile;
import io.refundflow.intake.ledger.OrderRefunds;
import io.refundflow.intake.ledger.Refundable;
import io.refundflow.intake.problems.ApiException;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The submit step: stores the application with its evidence and records the refund-request event in the
 * same transaction (transactional outbox), so the event is published exactly when the submission commits.
 */
@Service
public class SubmitService {

    private static final Logger log = LoggerFactory.getLogger(SubmitService.class);

    private final Cases cases;
    private final CaseService caseService;
    private final CaseChanges changes;
    private final Submissions submissions;
    private final OrderRefunds ledger;
    private final Clock clock;
    private final String source;

    SubmitService(Cases cases, CaseService caseService, CaseChanges changes, Submissions submissions,
            OrderRefunds ledger, Clock clock, IntakeProperties properties) {
        this.cases = cases;
        this.caseService = caseService;
        this.changes = changes;
        this.submissions = submissions;
        this.ledger = ledger;
        this.clock = clock;
        this.source = properties.source();
    }

    /**
     * Submits on an open case, or returns the rule that refused it; a refusal is decided before anything is written,
     * so its transaction stores nothing. The case is read once, locked, and checked against the caller.
     */
    @Transactional
    public CaseChange submit(Caller caller, String caseId, SubmissionForm form, List<MultipartFile> uploads) {
        CaseChanges.Locked locked = changes.lock(caller, caseId, uploads);
        RefundCase c = locked.c();
        if (c.submission() instanceof SubmissionCheck.Refused refused) {
            return new CaseChange.Conflict(refused.openRequest() ? "open-request-exists" : "case-closed",
                    "caseId", refused.reason());
        }
        BillingOrder order = caseService.ownedOrder(c.orderId(), c.customerId());
        Optional<CaseChange> refusal = refusal(c, order, locked.files());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RefundCase submitted = c.submitted(newRefundId(), clock.instant());
        try (var ignored = MDC.putCloseable("refundId", submitted.currentRefundId())) {
            RefundRequested requested = application(submitted, order, form, locked.files());
            return changes.record(submitted, TimelineEntry.of(c.caseId(), submitted.currentRefundId(),
                    TimelineStep.SUBMITTED, submitted.updatedAt()), locked.files(), requested);
        }
    }

    /**
     * Opens a case and submits on it in one transaction, under the contact step's rules and then the submit step's,
     * the same ones the two calls apply; a refusal by either is thrown as its problem, so nothing of the case stays.
     * The case is checked before it is stored and then stored once, already submitted, with both its first steps:
     * nobody else can see it before this transaction commits, so it needs neither an update nor a locking read, and
     * the order billing's copy gave the contact step's rules serves the submit step's.
     */
    @Transactional
    public CaseChange.Made openAndSubmit(Caller caller, ContactRequest contact, SubmissionForm form,
            List<MultipartFile> uploads) {
        BillingOrder order = caseService.admit(caller, contact);
        RefundCase draft = caseService.draft(caller, contact, order);
        List<EvidenceFile> evidence = changes.inspect(uploads);
        refusal(draft, order, evidence).ifPresent(CaseChange::made);
        RefundCase submitted = draft.submitted(newRefundId(), draft.createdAt());
        String refundId = submitted.currentRefundId();
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            RefundCase stored = cases.open(submitted, List.of(
                    TimelineEntry.of(draft.caseId(), null, TimelineStep.CONTACTED, draft.createdAt()),
                    TimelineEntry.of(draft.caseId(), refundId, TimelineStep.SUBMITTED, submitted.updatedAt())));
            caseService.logOpened(stored);
            RefundRequested requested = application(stored, order, form, evidence);
            changes.store(refundId, stored.caseId(), evidence, stored.updatedAt(), requested);
            return new CaseChange.Made(stored);
        }
    }

    private static String newRefundId() {
        return "r-" + UUID.randomUUID();
    }

    /** The submit step's rules of the order and the evidence, for a case that takes a submission. */
    private Optional<CaseChange> refusal(RefundCase c, BillingOrder order, List<EvidenceFile> evidence) {
        Optional<String> openElsewhere = submissions.openRequestFor(order.orderId());
        if (openElsewhere.isPresent()) {
            return Optional.of(new CaseChange.Conflict("open-request-exists", "orderId", "order " + order.orderId()
                    + " already has an open refund request (case " + openElsewhere.get() + ")"));
        }
        Optional<CaseChange> nothingLeft = nothingLeft(order);
        if (nothingLeft.isPresent()) {
            return nothingLeft;
        }
        return changes.overLimits(c, evidence);
    }

    /**
     * Stores the application of the case as the submission left it (its files go under it next) and returns the
     * event that tells of it.
     */
    private RefundRequested application(RefundCase submitted, BillingOrder order, SubmissionForm form,
            List<EvidenceFile> evidence) {
        String refundId = submitted.currentRefundId();
        Instant now = submitted.updatedAt();
        String locale = form.locale() != null ? form.locale() : order.customerLocale();
        try {
            submissions.insert(new Submissions.NewSubmission(refundId, submitted.caseId(), order.orderId(), form,
                    locale, source, true, now));
        } catch (DuplicateKeyException e) {
            // another submission for the order won the race: this transaction is broken, so it must fail
            throw ApiException.conflict("open-request-exists", "orderId", "order " + order.orderId()
                    + " already has an open refund request");
        }
        log.info("case {} submitted: refund {} ({} {}) with {} attachments", submitted.caseNumber(), refundId,
                form.ground(), form.kind(), evidence.size());
        return new RefundRequested(refundId, submitted.caseNumber(), order.orderId(), submitted.customerId(),
                form.ground(), form.kind(), form.description(), locale,
                evidence.stream().map(EvidenceFile::metadata).toList(), now);
    }

    /**
     * A courtesy answer, from what intake has seen (its billing copy, the approvals it read, billing's
     * settlements): an order whose paid amount is used up by refunds approved or executed gets a clear "nothing
     * left" now instead of a rejection later. The evaluator's ledger stays the authority.
     */
    private Optional<CaseChange> nothingLeft(BillingOrder order) {
        Refundable refundable = Refundable.of(order, ledger.onOrder(order.orderId()));
        if (!refundable.isExhausted()) {
            return Optional.empty();
        }
        String refunds = refundable.inFlight().stream()
                .map(r -> (r.caseNumber() == null ? "" : "case " + r.caseNumber() + ", ") + "refund " + r.refundId()
                        + (r.settlement() == SettlementStatus.EXECUTED ? " (" + r.settled() + ", executed)"
                                : " (" + r.approved() + ", approved, being paid back)"))
                .collect(Collectors.joining("; "));
        return Optional.of(new CaseChange.Conflict("nothing-left-to-refund", "orderId", "order " + order.orderId()
                + " (paid " + refundable.paid() + ") has nothing left to refund"
                + (refunds.isEmpty() ? ": billing has refunded it in full" : ": " + refunds)));
    }
}
