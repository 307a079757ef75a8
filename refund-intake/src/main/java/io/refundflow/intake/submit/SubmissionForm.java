package io.refundflow.intake.submit;

import io.refundflow.events.Ground;
import io.refundflow.events.RequestKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The submit step's application (the JSON part {@code application} of the multipart request).
 *
 * @param ground       UNSATISFIED (no-reason guarantee), QUALITY_ISSUE, NOT_AS_PROMISED or FORCE_MAJEURE
 * @param kind         REFUND or EXCHANGE
 * @param locale       language of the answer ({@code zh} or {@code en}); default: the one billing holds
 *
 * <p>{@code contactEmail}, once required, is accepted and ignored (unknown properties are ignored): every
 * email goes to the address billing holds for the order's customer, see docs/security.md.
 */
public record SubmissionForm(
        @NotNull Ground ground,
        @NotNull RequestKind kind,
        @Size(max = 4000) String description,
        @Pattern(regexp = "^\\+?[0-9 ()-]{5,32}$", message = "must be a phone number (digits, spaces, ()-, optional +)")
        String phone,
        @Pattern(regexp = "^(zh|en)$", message = "must be zh or en") String locale) {
}
