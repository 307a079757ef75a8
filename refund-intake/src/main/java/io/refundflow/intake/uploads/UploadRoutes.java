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
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return UPLOADS.stream().anyMatch(upload -> upload.matches(path));
    }
}
