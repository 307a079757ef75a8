package io.refundflow.intake.uploads;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The only routes that take files: a case's submissions and the evidence a reviewer asked for. Only their
 * multipart bodies are ever parsed; on every other route a multipart body is an unread, unsupported body.
 */
public final class UploadRoutes {

    private static final List<PathPattern> UPLOADS = Stream.of("/api/cases/{caseId}/submissions",
            "/api/cases/{caseId}/evidence").map(PathPatternParser.defaultInstance::parse).toList();

    private UploadRoutes() {
    }

    public static boolean isUpload(HttpServletRequest request) {
        return caseIdOf(request) != null;
    }

    /** The case an upload goes to, or null when the request is no upload. */
    public static String caseIdOf(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return null;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        for (PathPattern upload : UPLOADS) {
            PathPattern.PathMatchInfo match = upload.matchAndExtract(path);
            if (match != null) {
                return match.getUriVariables().get("caseId");
            }
        }
        return null;
    }
}
