package io.refundflow.evaluator.problems;

import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.refundflow.platform.web.problems.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An answer that is not a success, with the factories the evaluator's features use; answered in the platform's
 * one problem shape ({@link ProblemException}) by {@link ProblemHandler}, the field at fault in {@code errors}.
 */
public class ApiProblem extends ProblemException {

    private ApiProblem(HttpStatus status, String type, String title, String detail, List<InvalidField> errors) {
        super(status, type, title, detail, errors);
    }

    public static ApiProblem badField(String field, String reason) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemDetails.INVALID_REQUEST,
                ProblemDetails.INVALID_REQUEST_TITLE, "field " + field + ": " + reason,
                List.of(new InvalidField(field, reason)));
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what, List.of());
    }

    public static ApiProblem forbidden(String type, String title, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, type, title, detail, List.of());
    }

    public static ApiProblem conflict(String type, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, type, title, detail, List.of());
    }
}
