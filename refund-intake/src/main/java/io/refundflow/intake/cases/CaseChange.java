package io.refundflow.intake.cases;

import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.problems.ApiException;
import java.net.URI;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;

/**
 * What became of a change a customer asked of a case (submitting an application, adding the evidence a
 * reviewer asked for): made, with the case as it now is, or refused by a rule with nothing stored. Every refusal is
 * answered the same way ({@link #made()}), so the submit, the open-and-submit and the evidence endpoints cannot
 * drift apart.
 */
public sealed interface CaseChange {

    /**
     * Stored, and its event recorded in the same transaction; the review step follows asynchronously.
     *
     * @param changed the case as the change left it
     */
    record Made(RefundCase changed) implements CaseChange {
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
     * The change made; a refusal thrown as its problem: 409 with its type, or 413 payload-too-large, or 429
     * quota-exceeded, each naming the field. Thrown inside a transaction, it rolls back what the request wrote.
     */
    default Made made() {
        if (this instanceof Conflict refused) {
            throw ApiException.conflict(refused.type(), refused.field(), refused.reason());
        }
        if (this instanceof TooLarge tooLarge) {
            throw ApiException.tooLarge(tooLarge.field(), tooLarge.reason());
        }
        if (this instanceof OverQuota overQuota) {
            throw ApiException.tooMany("quota-exceeded", overQuota.field(), overQuota.reason());
        }
        return (Made) this;
    }

    /** 202 with the case as {@code view} shows it (Location names it) for a change made; a refusal as its problem. */
    default ResponseEntity<CaseView> answer(Function<RefundCase, CaseView> view) {
        RefundCase changed = made().changed();
        return ResponseEntity.accepted().location(URI.create("/api/cases/" + changed.caseId()))
                .body(view.apply(changed));
    }
}
