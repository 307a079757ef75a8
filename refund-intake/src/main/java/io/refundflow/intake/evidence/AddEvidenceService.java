package io.refundflow.intake.evidence;

import io.refundflow.events.EvidenceAdded;
import io.refundflow.intake.cases.CaseChange;
import io.refundflow.intake.model.EvidenceCheck;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The customer adds the evidence a reviewer asked for: the files go to the request under review (same refund
 * id, so the reviewer opens them as the submission's), the case returns to UNDER_REVIEW, and the
 * evidence-added event is recorded in the same transaction (transactional outbox), so the review step hears of
 * the files exactly when they are stored.
 */
@Service
public class AddEvidenceService {

    private static final Logger log = LoggerFactory.getLogger(AddEvidenceService.class);

    private final CaseChanges changes;
    private final Clock clock;

    AddEvidenceService(CaseChanges changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Adds the files, or returns the rule that refused them; a refusal is decided before anything is written,
     * so its transaction stores nothing.
     */
    @Transactional
    public CaseChange add(Caller caller, String caseId, List<MultipartFile> uploads) {
        CaseChanges.Locked locked = changes.lock(caller, caseId, uploads);
        RefundCase c = locked.c();
        List<EvidenceFile> added = locked.files();
        EvidenceCheck check = c.addingEvidence();
        if (check instanceof EvidenceCheck.Refused refused) {
            return new CaseChange.Conflict("not-awaiting-evidence", "caseId", refused.reason());
        }
        Optional<CaseChange> overLimit = changes.overLimits(c, added);
        if (overLimit.isPresent()) {
            return overLimit.get();
        }

        String refundId = ((EvidenceCheck.Allowed) check).refundId();
        // as the database keeps it, so that the case answered is the case read back later
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            String names = added.stream().map(EvidenceFile::fileName).collect(Collectors.joining(", "));
            CaseChange.Made made = changes.record(c.evidenceAdded(now), new TimelineEntry(caseId, refundId,
                    TimelineStep.EVIDENCE_ADDED, now, null, null, null, null, names, null), added,
                    new EvidenceAdded(refundId, c.caseNumber(), c.orderId(),
                            added.stream().map(EvidenceFile::metadata).toList(), now));
            log.info("case {}: {} evidence file(s) added to refund {} as the reviewer asked; the review resumes",
                    c.caseNumber(), added.size(), refundId);
            return made;
        }
    }
}
