package io.refundflow.evaluator.problems;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.platform.web.problems.JsonFieldPath;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.refundflow.platform.web.problems.UnexpectedFailures;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of this service's API as an RFC 9457 problem that names the field and the reason; never a
 * stack trace, never a 500 for bad input; a database outage is a 503 with Retry-After (nothing was accepted).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private final Duration outageRetryAfter;

    ProblemHandler(EvaluatorProperties properties) {
        this.outageRetryAfter = properties.outageRetryAfter();
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return ResponseEntity.status(problem.status()).body(problem.problem());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String detail = "parameter " + e.getName() + ": '" + e.getValue() + "' is not a valid value"
                + (e.getRequiredType() != null && e.getRequiredType().isEnum()
                        ? " (one of " + java.util.Arrays.toString(e.getRequiredType().getEnumConstants()) + ")"
                        : "");
        return ResponseEntity.badRequest()
                .body(ProblemDetails.aboutField(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request", detail,
                        e.getName()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException jackson = JsonFieldPath.causeOf(e);
        String field = jackson == null ? null : JsonFieldPath.of(jackson);
        String reason = jackson == null ? "the body is not valid JSON of the expected shape"
                : jackson.getCause() instanceof IllegalArgumentException invalid && invalid.getMessage() != null
                        ? invalid.getMessage() : jackson.getOriginalMessage();
        String detail = field == null || field.isEmpty() ? "body: " + reason : "field " + field + ": " + reason;
        return ResponseEntity.badRequest().body(ProblemDetails.aboutField(HttpStatus.BAD_REQUEST, "invalid-body",
                "Invalid request", detail, field == null || field.isEmpty() ? null : field));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError first = e.getBindingResult().getFieldError();
        String field = first == null ? null : first.getField();
        String detail = first == null ? "the body is invalid" : "field " + field + ": " + first.getDefaultMessage();
        return ResponseEntity.badRequest()
                .body(ProblemDetails.aboutField(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request", detail,
                        field));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        return UnexpectedFailures.answer(e, request, outageRetryAfter,
                "the request could not be completed; it has been logged");
    }
}
