package io.refundflow.intake.problems;

import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.refundflow.platform.web.problems.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the service refuses for a reason it can name: answered as a problem-details body with
 * {@code type} {@code https://refundflow.io/problems/<type>} and the offending fields in {@code errors}.
 */
public class ApiException extends ProblemException {

    private final List<InvalidField> errors;

    public ApiException(HttpStatus status, String type, String title, String detail, List<InvalidField> errors) {
        super(status, type, title, detail);
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " not found",
                List.of());
    }

    public static ApiException badRequest(String field, String reason) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                field + ": " + reason, List.of(new InvalidField(field, reason)));
    }

    public static ApiException forbidden(String field, String reason) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", field + ": " + reason,
                List.of(new InvalidField(field, reason)));
    }

    public static ApiException conflict(String type, String field, String reason) {
        return new ApiException(HttpStatus.CONFLICT, type, "Conflict", field + ": " + reason,
                List.of(new InvalidField(field, reason)));
    }

    public static ApiException unprocessable(String type, String field, String reason) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, type, "Unprocessable request",
                field + ": " + reason, List.of(new InvalidField(field, reason)));
    }

    public static ApiException tooLarge(String field, String reason) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                field + ": " + reason, List.of(new InvalidField(field, reason)));
    }

    /** 429: the caller has used up a quota ({@code type} names which). */
    public static ApiException tooMany(String type, String field, String reason) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, type, "Too many requests", field + ": " + reason,
                List.of(new InvalidField(field, reason)));
    }

    public static ApiException unsupportedType(String field, String reason) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                field + ": " + reason, List.of(new InvalidField(field, reason)));
    }

    public List<InvalidField> errors() {
        return errors;
    }

    @Override
    public ProblemDetail problem() {
        return ProblemDetails.withErrors(status(), type(), title(), getMessage(), errors);
    }
}
