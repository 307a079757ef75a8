package io.refundflow.dashboard.web;

import io.refundflow.platform.web.problems.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problem details as the dashboard's controllers answer or throw them (built by the platform). */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        return ProblemDetails.of(status, type, title, detail);
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String type, String title, String detail) {
        return ProblemDetails.response(of(status, type, title, detail));
    }

    /** For code that answers by throwing, deep in a feature. */
    public static ErrorResponseException exception(HttpStatus status, String type, String title, String detail) {
        return new ErrorResponseException(status, of(status, type, title, detail), null);
    }
}
