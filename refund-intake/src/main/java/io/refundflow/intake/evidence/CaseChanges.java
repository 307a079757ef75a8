package io.refundflow.intake.evidence;

import io.refundflow.events.EventEnvelope;
import io.refundflow.intake.cases.CaseChange;
import io.refundflow.intake.cases.CaseService;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * What every change a customer makes on their case with files does alike (a submission, evidence added on a
 * reviewer's request), inside the change's transaction: the uploads inspected before the case is read (a refused
 * file costs no read), the case read once, locked, for the caller; the files checked against the case's and the
 * customer's limits right before they are stored; and the change written: the case as it left it, its timeline
 * step, the files under the refund, and its event for the outbox.
 */
@Component
public class CaseChanges {

    private final Cases cases;
    private final CaseService caseService;
    private final EvidenceInspector inspector;
    private final EvidenceFiles files;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final String source;

    CaseChanges(Cases cases, CaseService caseService, EvidenceInspector inspector, EvidenceFiles files,
            OutboxWriter outbox, Clock clock, IntakeProperties properties) {
        this.cases = cases;
        this.caseService = caseService;
        this.inspector = inspector;
        this.files = files;
        this.outbox = outbox;
        this.clock = clock;
        this.source = properties.source();
    }

    /** The case the caller may act on, locked, with the uploads that go to it. */
    public record Locked(RefundCase c, List<EvidenceFile> files) {
    }

    /** The uploads inspected, then the case read and locked for the caller (404 when they may not see it). */
    public Locked lock(Caller caller, String caseId, List<MultipartFile> uploads) {
        List<EvidenceFile> evidence = inspect(uploads);
        return new Locked(caseService.lockVisible(caller, caseId), evidence);
    }

    /** Each upload's size, type and digest checked ({@link EvidenceInspector#inspect}). */
    public List<EvidenceFile> inspect(List<MultipartFile> uploads) {
        return inspector.inspect(uploads);
    }

    /** Why the case may not take these files too, if it may not ({@link EvidenceInspector#overLimits}). */
    public Optional<CaseChange> overLimits(RefundCase c, List<EvidenceFile> added) {
        return inspector.overLimits(c, added);
    }

    /**
     * Writes the change of a stored (locked) case: the case as the change left it and its timeline step, then the
     * files and the event ({@link #store}).
     */
    public CaseChange.Made record(RefundCase changed, TimelineEntry step, List<EvidenceFile> added, Object event) {
        cases.save(changed, step);
        store(step.refundId(), changed.caseId(), added, step.occurredAt(), event);
        return new CaseChange.Made(changed);
    }

    /**
     * The files under the refund, in one statement (their refund's submission must be stored first), and the event
     * the change is told by, from this service, recorded in the same transaction (the transactional outbox).
     */
    public void store(String refundId, String caseId, List<EvidenceFile> added, Instant at, Object event) {
        files.insertAll(refundId, caseId, added, at);
        outbox.append(EventEnvelope.of(source, event, clock));
    }
}
