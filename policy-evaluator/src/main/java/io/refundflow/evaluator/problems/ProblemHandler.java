package io.refundflow.evaluator.problems;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.platform.web.problems.ApiProblemHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of this service's API in the platform's one problem shape ({@link ApiProblemHandler}). */
@RestControllerAdvice
class ProblemHandler extends ApiProblemHandler {

    ProblemHandler(EvaluatorProperties properties) {
        super(properties.outageRetryAfter(), "the request could not be completed; it has been logged");
    }
}
