package io.refundflow.portal.pages;

import io.refundflow.events.Ground;
import io.refundflow.events.RequestKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The contact-and-submit form. {@code key} is made when the form is shown and sent back with it: the API's
 * Idempotency-Key of both steps, so a form sent twice (a double click, a retry after a network error) opens one case
 * and submits it once.
 */
public record RequestForm(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9-]{8,64}$") String key,
        @NotNull Ground ground,
        @NotNull RequestKind kind,
        @Size(max = 4000) String description) {
}
