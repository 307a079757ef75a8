package io.refundflow.intake.evidence;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.intake.cases.CaseChange;
import io.refundflow.intake.cases.CaseService;
import io.refundflow.intake.model.CaseStatus;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.model.EvidenceCheck;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
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

    private final Cases cases;
    private final CaseService caseService;
    private final EvidenceInspector inspector;
    private final EvidenceFiles files;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final String source;

    AddEvidenceService(Cases cases, CaseService caseService, EvidenceInspector inspector, EvidenceFiles files,
            OutboxWriter outbox, Clock clock, IntakeProperties properties) {
        this.cases = cases;
        this.caseService = caseService;
        this.inspector = inspector;
        this.files = files;
        this.outbox = outbox;
        this.clock = clock;
        this.source = properties.source();
    }

    /**
     * Adds the files, or returns the rule that refused them; a refusal is decided before anything is written,
     * so its transaction stores nothing.
     */
    @Transactional
    public CaseChange add(Caller caller, String caseId, List<MultipartFile> uploads) {
        List<EvidenceFile> added = inspector.inspect(uploads);
        RefundCase c = caseService.lockVisible(caller, caseId);
        EvidenceCheck check = c.addingEvidence();
        if (check instanceof EvidenceCheck.Refused refused) {
            return new CaseChange.Conflict("not-awaiting-evidence", "caseId", refused.reason());
        }
        Optional<CaseChange> overLimit = inspector.overLimits(c, added);
        if (overLimit.isPresent()) {
            return overLimit.get();
        }

        String refundId = ((EvidenceCheck.Allowed) check).refundId();
        Instant now = clock.instant();
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            added.forEach(file -> files.insert(refundId, caseId, file, now));
            cases.update(caseId, CaseStatus.UNDER_REVIEW, refundId, false);
            String names = added.stream().map(EvidenceFile::fileName).collect(Collectors.joining(", "));
            cases.append(new TimelineEntry(caseId, refundId, TimelineStep.EVIDENCE_ADDED, now, null, null, null,
                    null, names, null));
            outbox.append(EventEnvelope.of(source, new EvidenceAdded(refundId, c.caseNumber(), c.orderId(),
                    added.stream().map(EvidenceFile::metadata).toList(), now), clock));
            log.info("case {}: {} evidence file(s) added to refund {} as the reviewer asked; the review resumes",
                    c.caseNumber(), added.size(), refundId);
        }
        return new CaseChange.Made(cases.find(caseId).orElseThrow());
    }
}
