package io.refundflow.intake.submit;

import io.refundflow.intake.cases.ContactRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * A case opened and its application submitted in one call: the contact step's request and the submit step's
 * application, each as the two-call form takes it (and validated alike; errors name {@code contact.orderId},
 * {@code application.ground}, ...).
 */
public record OpenAndSubmitRequest(@Valid @NotNull ContactRequest contact, @Valid @NotNull SubmissionForm application) {
}
