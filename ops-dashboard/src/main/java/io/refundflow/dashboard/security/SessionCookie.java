package io.refundflow.dashboard.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.web.util.WebUtils;

/**
 * The reviewer's session: their own ops token in an HttpOnly, SameSite=Strict cookie, checked (signature,
 * expiry, role) on every request exactly like a bearer token. Nothing is kept on the server, so a restart
 * logs nobody out, and the token forwarded to policy-evaluator's review API is the reviewer's own.
 */
public final class SessionCookie {

    public static final String NAME = "refund_ops_session";

    private SessionCookie() {
    }

    public static ResponseCookie issue(String token, Duration lifetime, boolean secure) {
        return ResponseCookie.from(NAME, token).httpOnly(true).secure(secure).sameSite("Strict").path("/")
                .maxAge(lifetime).build();
    }

    public static ResponseCookie clear(boolean secure) {
        return ResponseCookie.from(NAME, "").httpOnly(true).secure(secure).sameSite("Strict").path("/")
                .maxAge(Duration.ZERO).build();
    }

    /**
     * The token of a request: an {@code Authorization: Bearer} header (scrapers, scripts) or else the session
     * cookie. Nothing for the public paths, so that a stale cookie never blocks the login page.
     */
    static BearerTokenResolver resolver() {
        return request -> {
            if (DashboardSecurity.isPublic(request)) {
                return null;
            }
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return header.substring(7).trim();
            }
            return cookie(request);
        };
    }

    static String cookie(HttpServletRequest request) {
        Cookie cookie = WebUtils.getCookie(request, NAME);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }
}
