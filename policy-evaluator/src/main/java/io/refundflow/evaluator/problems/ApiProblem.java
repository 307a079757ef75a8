package io.refundflow.evaluator.problems;

import io.refundflow.platform.web.problems.ProblemDetails;
import io.refundflow.platform.web.problems.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An answer that is not a success, thrown by the features and turned into an RFC 9457 problem by
 * {@link ProblemHandler}; the evaluator's API names the field at fault in one {@code field} property.
 *
 * @param type  the last segment of the problem type URI, e.g. {@code claimed-by-another-reviewer}
 * @param field the request field at fault, or null when the problem is not about one field
 */
public class ApiProblem extends ProblemException {

    private final String field;

    public ApiProblem(HttpStatus status, String type, String title, String detail, String field) {
        super(status, type, title, detail);
        this.field = field;
    }

    public static ApiProblem badField(String field, String reason) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request",
                "field " + field + ": " + reason, field);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what, null);
    }

    public static ApiProblem forbidden(String type, String title, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, type, title, detail, null);
    }

    public static ApiProblem conflict(String type, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, type, title, detail, null);
    }

    public String field() {
        return field;
    }

    @Override
    public ProblemDetail problem() {
        return ProblemDetails.aboutField(status(), type(), title(), getMessage(), field);
    }
}
