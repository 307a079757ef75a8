package io.refundflow.intake.submit;

import io.refundflow.intake.cases.CaseService;
import io.refundflow.intake.uploads.UploadRoutes;
import io.refundflow.platform.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

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

    private final CaseService cases;
    private final HandlerExceptionResolver problems;

    SubmissionAccessFilter(CaseService cases, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.cases = cases;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return UploadRoutes.caseIdOf(request) == null; // an upload that opens its case has no case to check yet
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            cases.visible(Caller.current(), UploadRoutes.caseIdOf(request));
        } catch (RuntimeException failed) {
            // The same problem answer as from the controller, written by the service's exception handler: a
            // denial is its 404, a database that refuses us its 503; thrown from a filter, either would be a 500.
            problems.resolveException(request, response, null, failed);
            return;
        }
        chain.doFilter(request, response);
    }
}
