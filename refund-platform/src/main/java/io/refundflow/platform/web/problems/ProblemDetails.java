package io.refundflow.platform.web.problems;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.io.JsonStringEncoder;
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
        writeBody(response, status, JSON.writeValueAsBytes(body(status, type, title, detail, instance, errors)));
    }

    /**
     * The problem rendered once, for an answer given again and again under load (an overload refusal): written with
     * each request's path as its {@code instance}, it is byte for byte what {@link #write} writes, but nothing is
     * serialised per answer. (Serialising the body takes a lock in Jackson's serializer cache: the threads of a
     * flood of refusals queued on it while the gate answered.)
     */
    public static Rendered render(HttpStatus status, String type, String title, String detail,
            List<InvalidField> errors) {
        byte[] body = JSON.writeValueAsBytes(body(status, type, title, detail, Rendered.PLACEHOLDER, errors));
        byte[] placeholder = JSON.writeValueAsBytes(Rendered.PLACEHOLDER);
        int at = indexOf(body, placeholder);
        return new Rendered(status, Arrays.copyOfRange(body, 0, at),
                Arrays.copyOfRange(body, at + placeholder.length, body.length));
    }

    /** A problem serialised but for its {@code instance}: see {@link #render}. */
    public static final class Rendered {

        /** Stands for the instance while the body is serialised; no request path contains it. */
        private static final String PLACEHOLDER = "\0instance\0";

        private final HttpStatus status;
        private final byte[] head;
        private final byte[] tail;

        private Rendered(HttpStatus status, byte[] head, byte[] tail) {
            this.status = status;
            this.head = head;
            this.tail = tail;
        }

        /** Answers the problem at {@code instance} (the request's path). */
        public void write(HttpServletResponse response, String instance) throws IOException {
            byte[] path = JsonStringEncoder.getInstance().quoteAsUTF8(instance);
            byte[] body = new byte[head.length + path.length + 2 + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            body[head.length] = '"';
            System.arraycopy(path, 0, body, head.length + 1, path.length);
            body[head.length + 1 + path.length] = '"';
            System.arraycopy(tail, 0, body, head.length + path.length + 2, tail.length);
            writeBody(response, status, body);
        }
    }

    private static Map<String, Object> body(HttpStatus status, String type, String title, String detail,
            String instance, List<InvalidField> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create(TYPE_BASE + type).toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        if (!errors.isEmpty()) {
            body.put(ERRORS, errors);
        }
        return body;
    }

    private static void writeBody(HttpServletResponse response, HttpStatus status, byte[] body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalStateException("the placeholder is not in the serialised problem");
    }
}
