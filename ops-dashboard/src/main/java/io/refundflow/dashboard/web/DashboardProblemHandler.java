package io.refundflow.dashboard.web;

import io.refundflow.platform.web.problems.ApiProblemHandler;
import java.time.Duration;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of the dashboard's API in the platform's one problem shape ({@link ApiProblemHandler}); an
 * upstream's problem (the evaluator's, intake's, the notifier's) is forwarded as it came, already that shape.
 */
@RestControllerAdvice
class DashboardProblemHandler extends ApiProblemHandler {

    /** The dashboard has no database of its own, so no answer of it is an outage's 503; the platform asks one. */
    private static final Duration NO_DATABASE_OUTAGE = Duration.ofSeconds(5);

    DashboardProblemHandler() {
        super(NO_DATABASE_OUTAGE, "the request could not be completed; it has been logged");
    }
}
