package io.refundflow.intake.problems;

import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.refundflow.platform.web.problems.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request intake refuses for a reason it can name, with the factories its features use; answered in the
 * platform's one problem shape ({@link ProblemException}), the offending inputs in {@code errors}.
 */
public class ApiException extends ProblemException {

    public ApiException(HttpStatus status, String type, String title, String detail, List<InvalidField> errors) {
        super(status, type, title, detail, errors);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " not found",
                List.of());
    }

    public static ApiException badRequest(String field, String reason) {
        return new ApiException(HttpStatus.BAD_REQUEST, ProblemDetails.INVALID_REQUEST,
                ProblemDetails.INVALID_REQUEST_TITLE, field + ": " + reason, List.of(new InvalidField(field, reason)));
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

}
