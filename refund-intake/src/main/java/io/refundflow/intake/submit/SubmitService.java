package io.refundflow.intake.submit;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
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
import io.refundflow.intake.evidence.EvidenceFile;
import io.refundflow.intake.evidence.EvidenceFiles;
import io.refundflow.intake.evidence.EvidenceInspector;
import io.refundflow.intake.ledger.OrderRefunds;
import io.refundflow.intake.ledger.Refundable;
import io.refundflow.intake.problems.ApiException;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.outbox.OutboxWriter;
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
    private final Submissions submissions;
    private final EvidenceInspector inspector;
    private final EvidenceFiles files;
    private final OutboxWriter outbox;
    private final OrderRefunds ledger;
    private final Clock clock;
    private final String source;

    SubmitService(Cases cases, CaseService caseService, Submissions submissions, EvidenceInspector inspector,
            EvidenceFiles files, OutboxWriter outbox, OrderRefunds ledger, Clock clock, IntakeProperties properties) {
        this.cases = cases;
        this.ledger = ledger;
        this.caseService = caseService;
        this.submissions = submissions;
        this.inspector = inspector;
        this.files = files;
        this.outbox = outbox;
        this.clock = clock;
        this.source = properties.source();
    }

    /**
     * Submits on an open case, or returns the rule that refused it; a refusal is decided before anything is written,
     * so its transaction stores nothing. The case is read once, locked, and checked against the caller.
     */
    @Transactional
    public CaseChange submit(Caller caller, String caseId, SubmissionForm form, List<MultipartFile> uploads) {
        List<EvidenceFile> evidence = inspector.inspect(uploads);
        return submitTo(caseService.lockVisible(caller, caseId), form, evidence);
    }

    /**
     * Opens a case and submits on it in one transaction, under the contact step's rules and then the submit step's,
     * the same ones the two calls apply; a refusal by either is thrown as its problem, so nothing of the case stays.
     * The case was just written by this transaction: nobody else can see it, so it needs no second (locking) read.
     */
    @Transactional
    public CaseChange.Made openAndSubmit(Caller caller, ContactRequest contact, SubmissionForm form,
            List<MultipartFile> uploads) {
        RefundCase opened = caseService.open(caller, contact);
        List<EvidenceFile> evidence = inspector.inspect(uploads);
        return submitTo(opened, form, evidence).made();
    }

    /** The submit step's rules and its writes, for a case the caller may act on, locked or just opened. */
    private CaseChange submitTo(RefundCase c, SubmissionForm form, List<EvidenceFile> evidence) {
        if (c.submission() instanceof SubmissionCheck.Refused refused) {
            return new CaseChange.Conflict(refused.openRequest() ? "open-request-exists" : "case-closed",
                    "caseId", refused.reason());
        }
        BillingOrder order = caseService.ownedOrder(c.orderId(), c.customerId());
        Optional<String> openElsewhere = submissions.openRequestFor(order.orderId());
        if (openElsewhere.isPresent()) {
            return new CaseChange.Conflict("open-request-exists", "orderId", "order " + order.orderId()
                    + " already has an open refund request (case " + openElsewhere.get() + ")");
        }
        Optional<CaseChange> nothingLeft = nothingLeft(order);
        if (nothingLeft.isPresent()) {
            return nothingLeft.get();
        }
        Optional<CaseChange> overLimit = inspector.overLimits(c, evidence);
        if (overLimit.isPresent()) {
            return overLimit.get();
        }

        String refundId = "r-" + UUID.randomUUID();
        Instant now = clock.instant();
        String locale = form.locale() != null ? form.locale() : order.customerLocale();
        RefundCase submitted = c.submitted(refundId, now);
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            try {
                submissions.insert(refundId, c.caseId(), order.orderId(), form, locale, source, true, now);
            } catch (DuplicateKeyException e) {
                // another submission for the order won the race: this transaction is broken, so it must fail
                throw ApiException.conflict("open-request-exists", "orderId", "order " + order.orderId()
                        + " already has an open refund request");
            }
            evidence.forEach(file -> files.insert(refundId, c.caseId(), file, now));
            cases.save(submitted);
            cases.append(TimelineEntry.of(c.caseId(), refundId, TimelineStep.SUBMITTED, now));
            outbox.append(EventEnvelope.of(source, new RefundRequested(refundId, c.caseNumber(), order.orderId(),
                    c.customerId(), form.ground(), form.kind(), form.description(), locale,
                    evidence.stream().map(EvidenceFile::metadata).toList(), now), clock));
            log.info("case {} submitted: refund {} ({} {}) with {} attachments", c.caseNumber(), refundId,
                    form.ground(), form.kind(), evidence.size());
        }
        return new CaseChange.Made(submitted);
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
