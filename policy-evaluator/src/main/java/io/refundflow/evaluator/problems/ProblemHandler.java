package io.refundflow.evaluator.problems;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.platform.security.ProblemResponses;
import io.refundflow.platform.web.DependencyOutage;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Duration outageRetryAfter;

    ProblemHandler(EvaluatorProperties properties) {
        this.outageRetryAfter = properties.outageRetryAfter();
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return ResponseEntity.status(problem.status())
                .body(problem(problem.status(), problem.type(), problem.title(), problem.getMessage(),
                        problem.field()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String detail = "parameter " + e.getName() + ": '" + e.getValue() + "' is not a valid value"
                + (e.getRequiredType() != null && e.getRequiredType().isEnum()
                        ? " (one of " + java.util.Arrays.toString(e.getRequiredType().getEnumConstants()) + ")"
                        : "");
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request", detail, e.getName()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = null;
        String reason = "the body is not valid JSON of the expected shape";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                field = path(jackson);
                reason = jackson.getOriginalMessage();
                if (t.getCause() instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                    reason = invalid.getMessage();
                }
                break;
            }
        }
        String detail = field == null || field.isEmpty() ? "body: " + reason : "field " + field + ": " + reason;
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-body", "Invalid request",
                detail, field == null || field.isEmpty() ? null : field));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError first = e.getBindingResult().getFieldError();
        String field = first == null ? null : first.getField();
        String detail = first == null ? "the body is invalid" : "field " + field + ": " + first.getDefaultMessage();
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid request", detail, field));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DependencyOutage.isOutage(e)) {
            log.warn("answered 503: the database is unavailable ({})", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DependencyOutage.retryAfter(outageRetryAfter))
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DependencyOutage.TYPE, DependencyOutage.TITLE,
                            DependencyOutage.DETAIL, null));
        }
        log.error("unexpected error answering a request", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "the request could not be completed; it has been logged", null));
    }

    public static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail,
            String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemResponses.TYPE_BASE + type));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
