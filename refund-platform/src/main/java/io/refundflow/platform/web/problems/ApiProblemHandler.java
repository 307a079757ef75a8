package io.refundflow.platform.web.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of a service's API as the one problem shape ({@link ProblemDetails}): a refusal the features
 * throw ({@link ProblemException}) as they built it; invalid input (body, parameter, header) as a 400
 * {@value ProblemDetails#INVALID_REQUEST} naming each input in {@code errors}; Spring MVC's other refusals
 * keep their 4xx with a type under the project's base; a database outage is a 503 with Retry-After (nothing
 * was accepted); anything unexpected a 500 without internals (logged, never sent). A service declares its
 * subclass as its {@code @RestControllerAdvice} and overrides what its API reads differently (a multipart part).
 */
public abstract class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private final Duration outageRetryAfter;
    private final String internalErrorDetail;

    /**
     * @param internalErrorDetail what a client is told on a 500, e.g. whether retrying is safe
     */
    protected ApiProblemHandler(Duration outageRetryAfter, String internalErrorDetail) {
        this.outageRetryAfter = outageRetryAfter;
        this.internalErrorDetail = internalErrorDetail;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e, HttpServletRequest request) {
        return ProblemDetails.response(e.problem(), request.getRequestURI());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        return UnexpectedFailures.answer(e, request, outageRetryAfter, internalErrorDetail);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(List.of(UnreadableFields.of(ex, null)), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(InvalidArguments.of(ex), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(InvalidArguments.of(ex), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        Class<?> required = ex.getRequiredType();
        String reason = "'" + ex.getValue() + "' is not a valid " + UnreadableFields.simpleName(required)
                + (required != null && required.isEnum() ? " (one of " + List.of(required.getEnumConstants()) + ")"
                        : "");
        return invalid(List.of(new InvalidField(name, reason)), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(List.of(new InvalidField(ex.getParameterName(), "required parameter missing")), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(List.of(new InvalidField(ex.getRequestPartName(), "required part missing")), request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            InvalidField error = new InvalidField(missing.getHeaderName(), "required header missing");
            return answer(HttpStatus.BAD_REQUEST, "missing-header", "Missing header", List.of(error), request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported = ex.getSupportedMediaTypes().stream().map(MediaType::toString)
                .collect(Collectors.joining(", "));
        InvalidField error = new InvalidField(contentTypeField(request), "'" + ex.getContentType()
                + "' is not supported" + (supported.isEmpty() ? "" : "; use " + supported));
        ResponseEntity<Object> response = answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", List.of(error), request);
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return answer(ProblemDetails.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "no resource at " + path(request)), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = answer(ProblemDetails.of(HttpStatus.METHOD_NOT_ALLOWED,
                "method-not-allowed", "Method not allowed", "method " + ex.getMethod() + " is not supported here"),
                request);
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }

    /** Spring MVC's own problems (about:blank) get a type under the project's base, named after the status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(URI.create(ProblemDetails.TYPE_BASE
                        + HttpStatus.valueOf(statusCode.value()).name().toLowerCase().replace('_', '-')));
            }
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(path(request)));
            }
        }
        return response;
    }

    /** The name of the input an unsupported content type is reported under. */
    protected String contentTypeField(WebRequest request) {
        return HttpHeaders.CONTENT_TYPE;
    }

    /** 400 {@value ProblemDetails#INVALID_REQUEST} naming each input at fault. */
    protected static ResponseEntity<Object> invalid(List<InvalidField> errors, WebRequest request) {
        return answer(ProblemDetails.invalid(errors), request);
    }

    protected static ResponseEntity<Object> answer(HttpStatus status, String type, String title,
            List<InvalidField> errors, WebRequest request) {
        return answer(ProblemDetails.withErrors(status, type, title, InvalidField.describe(errors), errors), request);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem, WebRequest request) {
        problem.setInstance(URI.create(path(request)));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    protected static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "/";
    }
}
