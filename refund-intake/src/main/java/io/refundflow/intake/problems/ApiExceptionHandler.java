package io.refundflow.intake.problems;

import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.intake.uploads.UploadRoutes;
import io.refundflow.platform.web.problems.ApiProblemHandler;
import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.refundflow.platform.web.problems.UnreadableFields;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The platform's problem answers ({@link ApiProblemHandler}), plus what only intake reads: a multipart upload,
 * whose JSON is its {@code application} part and whose size limits are a 413.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ApiProblemHandler {

    /** The multipart part that holds an upload's JSON. */
    private static final String APPLICATION_PART = "application";

    ApiExceptionHandler(IntakeProperties properties) {
        super(properties.outageRetryAfter(),
                "the request could not be completed; it is safe to retry with the same Idempotency-Key");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> handleMultipart(MultipartException e, HttpServletRequest request) {
        if (isSizeLimit(e)) {
            return ProblemDetails.response(tooLargeProblem(request.getRequestURI()));
        }
        InvalidField error = new InvalidField("body", "malformed multipart request");
        return ProblemDetails.response(ProblemDetails.withErrors(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", error.describe(), List.of(error)), request.getRequestURI());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(List.of(UnreadableFields.of(ex, isMultipart(request) ? APPLICATION_PART : null)), request);
    }

    @Override
    protected String contentTypeField(WebRequest request) {
        return isMultipart(request) ? APPLICATION_PART : super.contentTypeField(request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(tooLargeProblem(path(request)));
    }

    private static ProblemDetail tooLargeProblem(String instance) {
        ProblemDetail problem = ProblemDetails.withErrors(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "Payload too large", "body: the upload exceeds the size limit (per file or per request)",
                List.of(new InvalidField("evidence", "upload exceeds the size limit")));
        problem.setInstance(URI.create(instance));
        return problem;
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
