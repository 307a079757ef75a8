package io.refundflow.intake.uploads;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The only routes that take files: a case's submissions, the evidence a reviewer asked for, and a submission that
 * opens its case ({@link #OPEN_AND_SUBMIT}, an upload only when its body is multipart: without files it is JSON).
 * Only their multipart bodies are ever parsed; on every other route a multipart body is an unread, unsupported body.
 */
public final class UploadRoutes {

    private static final List<PathPattern> UPLOADS = Stream.of("/api/cases/{caseId}/submissions",
            "/api/cases/{caseId}/evidence").map(PathPatternParser.defaultInstance::parse).toList();

    /** Opens a case and submits on it: JSON without files, multipart with them. */
    public static final String OPEN_AND_SUBMIT = "/api/submissions";

    private UploadRoutes() {
    }

    public static boolean isUpload(HttpServletRequest request) {
        return caseIdOf(request) != null || isOpenAndSubmitWithFiles(request);
    }

    private static boolean isOpenAndSubmitWithFiles(HttpServletRequest request) {
        String contentType = request.getContentType();
        return HttpMethod.POST.matches(request.getMethod()) && OPEN_AND_SUBMIT.equals(request.getRequestURI())
                && contentType != null && contentType.toLowerCase().startsWith("multipart/");
    }

    /**
     * The existing case an upload goes to, or null when the request is no upload or opens its case (whose access
     * is the contact step's rule, checked with the rest).
     */
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
