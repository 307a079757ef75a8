package io.refundflow.intake.evidence;

import io.refundflow.intake.cases.CaseView;

/** What became of files a customer added: stored and announced, or refused by a rule with nothing stored. */
public sealed interface AddEvidenceResult {

    record Added(CaseView view) implements AddEvidenceResult {
    }

    /** The case does not take files now ({@code type} is the problem type, not-awaiting-evidence). */
    record Conflict(String type, String field, String reason) implements AddEvidenceResult {
    }

    /** The case's attachments would pass the per-case limit. */
    record TooLarge(String field, String reason) implements AddEvidenceResult {
    }
}
