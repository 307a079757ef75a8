package io.refundflow.evaluator.policy;

import io.refundflow.events.Ground;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RequestKind;
import java.time.Instant;
import java.util.Objects;

/** What the customer asks for. Only these request fields may influence the verdict. */
public record RequestFacts(Ground ground, RequestKind kind, Instant submittedAt, int evidenceCount) {

    public RequestFacts {
        Objects.requireNonNull(ground, "ground");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(submittedAt, "submittedAt");
        if (evidenceCount < 0) {
            throw new IllegalArgumentException("evidenceCount must not be negative: " + evidenceCount);
        }
    }

    public static RequestFacts from(RefundRequested request) {
        return new RequestFacts(request.ground(), request.kind(), request.submittedAt(), request.evidence().size());
    }

    public boolean hasEvidence() {
        return evidenceCount > 0;
    }
}
