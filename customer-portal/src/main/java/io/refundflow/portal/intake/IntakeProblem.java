package io.refundflow.portal.intake;

import io.refundflow.platform.web.problems.InvalidField;
import java.util.List;

/**
 * refund-intake refused a call with a problem (the platform's one RFC 9457 shape): its status, its type's last
 * segment ({@code nothing-left-to-refund}, {@code open-request-exists}, ...), its detail and the inputs it names in
 * {@code errors}. The pages turn the type into words in the customer's language.
 */
public final class IntakeProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String detail;
    private final List<InvalidField> errors;

    public IntakeProblem(int status, String type, String detail, List<InvalidField> errors) {
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

    public List<InvalidField> errors() {
        return errors;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
