package io.refundflow.events;

import java.time.Instant;
import java.util.List;

/**
 * The customer added files to a refund that waits for more evidence ({@link EvidenceRequested}), published by
 * refund-intake on {@link Topics#REQUESTS} keyed by refund id; the review resumes with them.
 *
 * @param evidence the files added now (metadata; the bytes stay with refund-intake)
 */
public record EvidenceAdded(
        String refundId,
        String caseNumber,
        String orderId,
        List<Evidence> evidence,
        Instant addedAt) {

    public EvidenceAdded {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
