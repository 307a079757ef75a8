package io.refundflow.notifier.ops;

import io.refundflow.notifier.NotifierProperties;
import io.refundflow.platform.web.problems.UnexpectedFailures;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the notifier's ops API as RFC 9457 problems, as intake and the evaluator answer theirs: a database
 * outage is a 503 with Retry-After (the list could not be read, a resend was not queued and may be asked
 * again), anything unexpected a logged 500 without internals. Scoped to this package so it decides nothing for
 * other controllers (the actuator, an API document); Spring MVC's own exceptions (a malformed path, a wrong
 * method on a mapped path) keep their 4xx through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice(basePackageClasses = OpsProblemHandler.class)
class OpsProblemHandler extends ResponseEntityExceptionHandler {

    private final Duration outageRetryAfter;

    OpsProblemHandler(NotifierProperties properties) {
        this.outageRetryAfter = properties.outageRetryAfter();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        return UnexpectedFailures.answer(e, request, outageRetryAfter,
                "the request could not be completed; it has been logged");
    }
}
