package io.refundflow.intake.admission;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The requests that add a refund for the pipeline to decide: the one call that opens a case and submits on it, and
 * the submit of the two-call form. Opening a case, reading and adding the evidence a reviewer asked for add none.
 * Matched as Spring MVC matches its routes (on the decoded path, without path parameters), so that a spelling of
 * the path the controllers take (say {@code /api/sub%6Dissions}) is not one this check misses.
 */
final class SubmissionRoutes {

    private static final List<PathPattern> NEW_REFUND = Stream.of("/api/submissions",
            "/api/cases/{caseId}/submissions").map(PathPatternParser.defaultInstance::parse).toList();

    private SubmissionRoutes() {
    }

    static boolean isNewRefund(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        for (PathPattern route : NEW_REFUND) {
            if (route.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
