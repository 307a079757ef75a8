package io.refundflow.intake.uploads;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The only routes that take files: a case's submissions ({@link #SUBMIT}), the evidence a reviewer asked for
 * ({@link #ADD_EVIDENCE}), and a submission that opens its case ({@link #OPEN_AND_SUBMIT}, an upload only when its
 * body is multipart: without files it is JSON). Only their multipart bodies are ever parsed; on every other route a
 * multipart body is an unread, unsupported body. The two submissions are also the requests that add a refund for the
 * pipeline to decide, which the admission gate bounds ({@link #isNewRefund}).
 *
 * <p>Named and matched here only, and matched as Spring MVC matches its routes (on the decoded path, without path
 * parameters), so that a spelling of a path the controllers take (say {@code /api/sub%6Dissions}) is not one these
 * checks miss.
 */
public final class UploadRoutes {

    /** Opens a case and submits on it: JSON without files, multipart with them. */
    public static final String OPEN_AND_SUBMIT = "/api/submissions";
    /** The submit of the two-call form, on a case the contact call opened. */
    public static final String SUBMIT = "/api/cases/{caseId}/submissions";
    /** Evidence a reviewer asked for. */
    public static final String ADD_EVIDENCE = "/api/cases/{caseId}/evidence";
    /** The routes whose POST adds a refund for the pipeline to decide: the one call and the two-call submit. */
    public static final List<String> NEW_REFUND = List.of(OPEN_AND_SUBMIT, SUBMIT);

    private static final PathPattern OPEN_AND_SUBMIT_ROUTE = PathPatternParser.defaultInstance.parse(OPEN_AND_SUBMIT);
    private static final PathPattern SUBMIT_ROUTE = PathPatternParser.defaultInstance.parse(SUBMIT);
    private static final PathPattern ADD_EVIDENCE_ROUTE = PathPatternParser.defaultInstance.parse(ADD_EVIDENCE);
    private static final List<PathPattern> NEW_REFUND_ROUTES = NEW_REFUND.stream()
            .map(PathPatternParser.defaultInstance::parse).toList();
    /** The routes to an existing case, named by the {@code caseId} variable. */
    private static final List<PathPattern> CASE_UPLOADS = List.of(SUBMIT_ROUTE, ADD_EVIDENCE_ROUTE);
    private static final String CASE_ID = "caseId";

    private UploadRoutes() {
    }

    public static boolean isUpload(HttpServletRequest request) {
        return caseIdOf(request) != null || isOpenAndSubmitWithFiles(request);
    }

    /** A request that adds a refund: the one call or the submit of the two-call form, with files or without. */
    public static boolean isNewRefund(HttpServletRequest request) {
        if (!isPost(request)) {
            return false;
        }
        PathContainer path = pathOf(request);
        return NEW_REFUND_ROUTES.stream().anyMatch(route -> route.matches(path));
    }

    private static boolean isOpenAndSubmitWithFiles(HttpServletRequest request) {
        String contentType = request.getContentType();
        return isPost(request) && OPEN_AND_SUBMIT_ROUTE.matches(pathOf(request))
                && contentType != null && contentType.toLowerCase().startsWith("multipart/");
    }

    /**
     * The existing case an upload goes to, or null when the request is no upload or opens its case (whose access
     * is the contact step's rule, checked with the rest).
     */
    public static String caseIdOf(HttpServletRequest request) {
        if (!isPost(request)) {
            return null;
        }
        PathContainer path = pathOf(request);
        for (PathPattern upload : CASE_UPLOADS) {
            PathPattern.PathMatchInfo match = upload.matchAndExtract(path);
            if (match != null) {
                return match.getUriVariables().get(CASE_ID);
            }
        }
        return null;
    }

    private static boolean isPost(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod());
    }

    /** The path as Spring MVC matches it: PathPattern compares each segment decoded, path parameters left out. */
    private static PathContainer pathOf(HttpServletRequest request) {
        return PathContainer.parsePath(request.getRequestURI());
    }
}
