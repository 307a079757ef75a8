package io.refundflow.platform.web.problems;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request a service refuses for a reason it can name, thrown by its features and answered by its
 * {@link ApiProblemHandler} as the RFC 9457 body {@link #problem()} builds, the inputs at fault in
 * {@code errors}. A service's subclass may add the factories its features use; the shape stays this one.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<InvalidField> errors;

    /**
     * @param type   the last segment of the problem type URI, e.g. {@code claimed-by-another-reviewer}
     * @param detail what went wrong, naming the field and the reason; the exception's message
     * @param errors each input at fault (none when the problem is not about the request's input)
     */
    public ProblemException(HttpStatus status, String type, String title, String detail, List<InvalidField> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** A problem that is not about one input (not found, a conflict of state, an upstream that did not answer). */
    public ProblemException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    /** 400 {@value ProblemDetails#INVALID_REQUEST}: one input is invalid. */
    public static ProblemException invalid(String field, String reason) {
        InvalidField error = new InvalidField(field, reason);
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemDetails.INVALID_REQUEST,
                ProblemDetails.INVALID_REQUEST_TITLE, error.describe(), List.of(error));
    }

    /** The problem-details body, without its {@code instance}. */
    public ProblemDetail problem() {
        return ProblemDetails.withErrors(status, type, title, getMessage(), errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<InvalidField> errors() {
        return errors;
    }
}
