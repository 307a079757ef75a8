package io.refundflow.platform.security;

import io.refundflow.platform.web.problems.ProblemDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 answers as RFC 9457 problem details, keeping the {@code WWW-Authenticate: Bearer} header
 * that RFC 6750 asks for.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static AuthenticationEntryPoint entryPoint() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    describe(exception), request.getRequestURI());
        };
    }

    public static AccessDeniedHandler accessDeniedHandler() {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    describe(exception), request.getRequestURI());
        };
    }

    private static void write(HttpServletResponse response, HttpStatus status, String type, String title,
            String detail, String instance) throws IOException {
        ProblemDetails.write(response, status, type, title, detail, instance, List.of());
    }

    private static String describe(AuthenticationException exception) {
        String message = exception.getMessage();
        if (message == null || message.isBlank() || message.startsWith("Full authentication")) {
            return "Authorization header: a bearer token is required";
        }
        return "Authorization header: " + message;
    }

    private static String describe(AccessDeniedException exception) {
        return "your role does not allow this request";
    }
}
