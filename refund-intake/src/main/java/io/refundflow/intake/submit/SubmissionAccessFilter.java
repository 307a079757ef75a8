package io.refundflow.intake.submit;

import io.refundflow.intake.cases.CaseService;
import io.refundflow.platform.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Checks that the caller may touch the case before an upload's body is read (a submission, or evidence added on
 * a reviewer's request): an upload may be tens of megabytes, and a caller who may not see the case gets its
 * "not found" without the service reading (or buffering) a byte of it. Runs right after Spring Security, so the
 * caller is known, and before anything that parses the multipart body (the idempotency filter reads the parts,
 * the dispatcher resolves them). The services check again inside their transactions.
 */
@Component
@Order(SubmissionAccessFilter.ORDER)
class SubmissionAccessFilter extends OncePerRequestFilter {

    /** Just after Spring Security's filter chain. */
    static final int ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

    /** The uploads to a case: its submissions, and the evidence a reviewer asked for. */
    private static final List<PathPattern> UPLOADS = Stream.of("/api/cases/{caseId}/submissions",
            "/api/cases/{caseId}/evidence").map(PathPatternParser.defaultInstance::parse).toList();

    private final CaseService cases;
    private final HandlerExceptionResolver problems;

    SubmissionAccessFilter(CaseService cases, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.cases = cases;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod()) || caseIdOf(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            cases.visible(Caller.current(), caseIdOf(request));
        } catch (RuntimeException failed) {
            // The same problem answer as from the controller, written by the service's exception handler: a
            // denial is its 404, a database that refuses us its 503; thrown from a filter, either would be a 500.
            problems.resolveException(request, response, null, failed);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String caseIdOf(HttpServletRequest request) {
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
