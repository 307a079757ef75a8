package io.refundflow.intake.submit;

import io.refundflow.intake.cases.CaseView;

/** What became of a submission: stored and its request on its way, or refused by a rule with nothing stored. */
public sealed interface SubmitResult {

    record Submitted(CaseView view) implements SubmitResult {
    }

    /** A rule of the case or the order refused it ({@code type} is the problem type, e.g. open-request-exists). */
    record Conflict(String type, String field, String reason) implements SubmitResult {
    }

    /** The case's attachments would pass the per-case limit. */
    record TooLarge(String field, String reason) implements SubmitResult {
    }
}
