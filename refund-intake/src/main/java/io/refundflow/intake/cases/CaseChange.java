package io.refundflow.intake.cases;

import io.refundflow.intake.problems.ApiException;
import java.net.URI;
import org.springframework.http.ResponseEntity;

/**
 * What became of a change a customer asked of a case (submitting an application, adding the evidence a
 * reviewer asked for): made, with the case as it now is, or refused by a rule with nothing stored. Both are
 * answered the same way ({@link #answer(String)}), so the submit and the evidence endpoints cannot drift apart.
 */
public sealed interface CaseChange {

    /** Stored, and its event recorded in the same transaction; the review step follows asynchronously. */
    record Made(CaseView view) implements CaseChange {
    }

    /**
     * A rule of the case or the order refused it ({@code type} is the problem type, e.g. open-request-exists,
     * not-awaiting-evidence).
     */
    record Conflict(String type, String field, String reason) implements CaseChange {
    }

    /** The case's attachments would pass the per-case limit. */
    record TooLarge(String field, String reason) implements CaseChange {
    }

    /** The customer's attachments would pass their quota (over all their cases). */
    record OverQuota(String field, String reason) implements CaseChange {
    }

    /**
     * 202 with the case (Location names it) for a change made; a refusal as its problem: 409 with its type, or
     * 413 payload-too-large, or 429 quota-exceeded, each naming the field.
     */
    default ResponseEntity<CaseView> answer(String caseId) {
        if (this instanceof Conflict refused) {
            throw ApiException.conflict(refused.type(), refused.field(), refused.reason());
        }
        if (this instanceof TooLarge tooLarge) {
            throw ApiException.tooLarge(tooLarge.field(), tooLarge.reason());
        }
        if (this instanceof OverQuota overQuota) {
            throw ApiException.tooMany("quota-exceeded", overQuota.field(), overQuota.reason());
        }
        CaseView changed = ((Made) this).view();
        return ResponseEntity.accepted().location(URI.create("/api/cases/" + caseId)).body(changed);
    }
}
