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
 * RFC 9457 problem details as every service answers them: {@code type} is {@value #TYPE_BASE} plus the
 * problem's name, with a title and a detail that names the field and the reason. A service names the field at
 * fault either as one {@code field} property or as a list of {@code errors}; both shapes are built here so that
 * the wire format lives in one place.
 */
public final class ProblemDetails {

    public static final String TYPE_BASE = "https://refundflow.io/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemDetails() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** A problem about one request field, named in the {@code field} property (none when {@code field} is null). */
    public static ProblemDetail aboutField(HttpStatusCode status, String type, String title, String detail,
            String field) {
        ProblemDetail problem = of(status, type, title, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** A problem listing each offending input in the {@code errors} property (none when the list is empty). */
    public static ProblemDetail withErrors(HttpStatusCode status, String type, String title, String detail,
            List<InvalidField> errors) {
        ProblemDetail problem = of(status, type, title, detail);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
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

    /** Writes a problem-details body; for filters and handlers that answer before the controllers. */
    public static void write(HttpServletResponse response, HttpStatus status, String type, String title,
            String detail, String instance, Map<String, Object> extra) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create(TYPE_BASE + type).toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        body.putAll(extra);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
