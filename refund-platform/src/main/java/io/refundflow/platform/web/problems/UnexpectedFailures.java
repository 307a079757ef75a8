package io.refundflow.platform.web.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The answer to an exception no handler expected: a database outage is a 503 with Retry-After (see
 * {@link DependencyOutage}); anything else is a 500 without internals, logged here with its stack trace and
 * never sent to the client.
 */
public final class UnexpectedFailures {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedFailures.class);

    private UnexpectedFailures() {
    }

    /**
     * @param internalErrorDetail what the client is told on a 500, e.g. whether retrying is safe
     */
    public static ResponseEntity<ProblemDetail> answer(Exception failure, HttpServletRequest request,
            Duration outageRetryAfter, String internalErrorDetail) {
        if (DependencyOutage.isOutage(failure)) {
            log.warn("answered 503 to {} {}: the database is unavailable ({})", request.getMethod(),
                    request.getRequestURI(), failure.toString());
            return DependencyOutage.answer(outageRetryAfter, request.getRequestURI());
        }
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), failure);
        return ProblemDetails.response(ProblemDetails.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", internalErrorDetail), request.getRequestURI());
    }
}
