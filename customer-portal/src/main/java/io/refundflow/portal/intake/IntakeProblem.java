package io.refundflow.portal.intake;

import java.util.List;

/**
 * refund-intake refused a call with a problem (RFC 9457): its status, its type's last segment
 * ({@code nothing-left-to-refund}, {@code open-request-exists}, ...), its detail and the fields it names. The pages
 * turn the type into words in the customer's language.
 */
public final class IntakeProblem extends RuntimeException {

    /** One field the API named, with its reason. */
    public record FieldError(String field, String reason) {
    }

    private final int status;
    private final String type;
    private final String detail;
    private final List<FieldError> errors;

    public IntakeProblem(int status, String type, String detail, List<FieldError> errors) {
        super(status + " " + type + ": " + detail);
        this.status = status;
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
