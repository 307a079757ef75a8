package io.refundflow.intake.problems;

import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.intake.uploads.UploadRoutes;
import io.refundflow.platform.web.problems.InvalidArguments;
import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.refundflow.platform.web.problems.UnexpectedFailures;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as an RFC 9457 problem-details body naming the field and the reason. Bad input is always a
 * 4xx; a database outage is a 503 with Retry-After (nothing was accepted); anything unexpected is a 500
 * without internals (logged here with its stack trace, never sent).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private final Duration outageRetryAfter;

    ApiExceptionHandler(IntakeProperties properties) {
        this.outageRetryAfter = properties.outageRetryAfter();
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException e, HttpServletRequest request) {
        return ProblemDetails.response(e.problem(), request.getRequestURI());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> handleMultipart(MultipartException e, HttpServletRequest request) {
        if (isSizeLimit(e)) {
            return tooLarge(request);
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "body: malformed multipart request", List.of(new InvalidField("body", "malformed multipart request")),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
        return UnexpectedFailures.answer(e, request, outageRetryAfter,
                "the request could not be completed; it is safe to retry with the same Idempotency-Key");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        InvalidField error = UnreadableFields.of(ex, isMultipart(request));
        return invalid(List.of(error), request);
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
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "value" : UnreadableFields.simpleName(ex.getRequiredType());
        InvalidField error = new InvalidField(name, "'" + ex.getValue() + "' is not a valid " + expected);
        return invalid(List.of(error), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        InvalidField error = new InvalidField(ex.getParameterName(), "required parameter missing");
        return invalid(List.of(error), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        InvalidField error = new InvalidField(ex.getRequestPartName(), "required part missing");
        return invalid(List.of(error), request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            org.springframework.web.bind.ServletRequestBindingException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            InvalidField error = new InvalidField(missing.getHeaderName(), "required header missing");
            return body(HttpStatus.BAD_REQUEST, "missing-header", "Missing header", error.describe(), List.of(error),
                    request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported = ex.getSupportedMediaTypes().stream().map(MediaType::toString)
                .collect(Collectors.joining(", "));
        String field = isMultipart(request) ? "application" : "Content-Type";
        InvalidField error = new InvalidField(field, "'" + ex.getContentType() + "' is not supported"
                + (supported.isEmpty() ? "" : "; use " + supported));
        ResponseEntity<Object> response = body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", error.describe(), List.of(error), request);
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(tooLargeProblem(path(request)));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return body(HttpStatus.NOT_FOUND, "not-found", "Not found", "no resource at " + path(request), List.of(),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = body(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Method not allowed", "method " + ex.getMethod() + " is not supported here", List.of(), request);
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getType() != null
                && "about:blank".equals(problem.getType().toString())) {
            problem.setType(java.net.URI.create(ProblemDetails.TYPE_BASE
                    + HttpStatus.valueOf(statusCode.value()).name().toLowerCase().replace('_', '-')));
        }
        return response;
    }

    public static ProblemDetail tooLargeProblem(String instance) {
        ProblemDetail problem = ProblemDetails.withErrors(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "Payload too large", "body: the upload exceeds the size limit (per file or per request)",
                List.of(new InvalidField("evidence", "upload exceeds the size limit")));
        problem.setInstance(java.net.URI.create(instance));
        return problem;
    }

    private ResponseEntity<ProblemDetail> tooLarge(HttpServletRequest request) {
        return ProblemDetails.response(tooLargeProblem(request.getRequestURI()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
            List<InvalidField> errors, HttpServletRequest request) {
        return ProblemDetails.response(ProblemDetails.withErrors(status, type, title, detail, errors),
                request.getRequestURI());
    }

    private static ResponseEntity<Object> invalid(List<InvalidField> errors, WebRequest request) {
        return body(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", InvalidField.describe(errors),
                errors, request);
    }

    private static ResponseEntity<Object> body(HttpStatus status, String type, String title, String detail,
            List<InvalidField> errors, WebRequest request) {
        ProblemDetail problem = ProblemDetails.withErrors(status, type, title, detail, errors);
        problem.setInstance(java.net.URI.create(path(request)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "/";
    }

    /**
     * A multipart upload to a case (elsewhere a multipart body is never parsed), whose JSON is its application part;
     * the JSON part of an upload that opens its case is the whole request, its fields named from its root.
     */
    private static boolean isMultipart(WebRequest request) {
        if (!(request instanceof ServletWebRequest servlet) || UploadRoutes.caseIdOf(servlet.getRequest()) == null) {
            return false;
        }
        String contentType = servlet.getRequest().getContentType();
        return contentType != null && contentType.toLowerCase().startsWith("multipart/");
    }

    static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MaxUploadSizeExceededException || t.getClass().getSimpleName().contains("SizeLimit")
                    || t.getClass().getSimpleName().contains("SizeException")
                    || t.getClass().getSimpleName().contains("CountLimit")) {
                return true;
            }
        }
        return false;
    }

}
