package io.refundflow.platform.web.problems;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details as every service answers them (docs/architecture.md, "Problems"): {@code type} is
 * {@value #TYPE_BASE} plus the problem's name, with a title, the status, a detail that names the input and the
 * reason, the {@code instance} (the request's path), and, when inputs are at fault, the extension member
 * {@code errors: [{field, reason}]}. Built only here, so that every service's wire format is this one.
 */
public final class ProblemDetails {

    public static final String TYPE_BASE = "https://refundflow.io/problems/";
    /** The type of every refusal of invalid input (a body, a parameter, a header): 400 with {@code errors}. */
    public static final String INVALID_REQUEST = "invalid-request";
    public static final String INVALID_REQUEST_TITLE = "Invalid request";
    /** The extension member listing the inputs at fault. */
    public static final String ERRORS = "errors";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemDetails() {
    }

    /** A problem that is not about the request's input: it carries no {@code errors}. */
    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** A problem listing each offending input in {@code errors} (none when the list is empty). */
    public static ProblemDetail withErrors(HttpStatusCode status, String type, String title, String detail,
            List<InvalidField> errors) {
        ProblemDetail problem = of(status, type, title, detail);
        if (!errors.isEmpty()) {
            problem.setProperty(ERRORS, List.copyOf(errors));
        }
        return problem;
    }

    /** 400 {@value #INVALID_REQUEST}: the inputs at fault, each named in the detail too. */
    public static ProblemDetail invalid(List<InvalidField> errors) {
        return withErrors(HttpStatus.BAD_REQUEST, INVALID_REQUEST, INVALID_REQUEST_TITLE,
                InvalidField.describe(errors), errors);
    }

    /** The problem as a response of its own status, {@code application/problem+json}. */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The problem answering the request at {@code instance} (its path). */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem, String instance) {
        problem.setInstance(URI.create(instance));
        return response(problem);
    }

    /**
     * Writes a problem-details body, the same JSON a controller's problem is; for filters and handlers that
     * answer before the controllers.
     */
    public static void write(HttpServletResponse response, HttpStatus status, String type, String title,
            String detail, String instance, List<InvalidField> errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create(TYPE_BASE + type).toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        if (!errors.isEmpty()) {
            body.put(ERRORS, errors);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
