package io.refundflow.platform.web.problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request a service refuses for a reason it can name, thrown by its features and answered by its
 * {@code @RestControllerAdvice} as the RFC 9457 body {@link #problem()} builds. A service's subclass adds the
 * factories its features use and names the field at fault in the shape its API documents (one {@code field}, or
 * a list of {@code errors}: see {@link ProblemDetails}).
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    /**
     * @param type   the last segment of the problem type URI, e.g. {@code claimed-by-another-reviewer}
     * @param detail what went wrong, naming the field and the reason; the exception's message
     */
    protected ProblemException(HttpStatus status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** The problem-details body, without its {@code instance}. */
    public abstract ProblemDetail problem();

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
