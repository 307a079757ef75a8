package io.refundflow.evaluator.problems;

import org.springframework.http.HttpStatus;

/**
 * An answer that is not a success, thrown by the features and turned into an RFC 9457 problem by
 * {@link ProblemHandler}.
 *
 * @param type  the last segment of the problem type URI, e.g. {@code claimed-by-another-reviewer}
 * @param field the request field at fault, or null when the problem is not about one field
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final String field;

    public ApiProblem(HttpStatus status, String type, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.field = field;
    }

    public static ApiProblem badField(String field, String reason) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request",
                "field " + field + ": " + reason, field);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what, null);
    }

    public static ApiProblem conflict(String type, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, type, title, detail, null);
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

    public String field() {
        return field;
    }
}
