package io.refundflow.notifier.ops;

import io.refundflow.notifier.NotifierProperties;
import io.refundflow.platform.web.problems.ApiProblemHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the notifier's ops API in the platform's one problem shape ({@link ApiProblemHandler}): a database
 * outage is a 503 with Retry-After (the list could not be read, a resend was not queued and may be asked again).
 * Scoped to this package so it decides nothing for other controllers (the actuator, an API document).
 */
@RestControllerAdvice(basePackageClasses = OpsProblemHandler.class)
class OpsProblemHandler extends ApiProblemHandler {

    OpsProblemHandler(NotifierProperties properties) {
        super(properties.outageRetryAfter(), "the request could not be completed; it has been logged");
    }
}
