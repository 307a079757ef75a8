package io.refundflow.intake.model;

/** Whether a case takes a submission now, as the case itself decides from its status. */
public sealed interface SubmissionCheck {

    /** The case takes it: first submission, or a resubmission the case allows. */
    record Allowed() implements SubmissionCheck {
    }

    /**
     * The case does not take it.
     *
     * @param openRequest true when a request of the case is still open (a later submission may succeed),
     *                    false when the case is closed for good
     */
    record Refused(boolean openRequest, String reason) implements SubmissionCheck {
    }
}
