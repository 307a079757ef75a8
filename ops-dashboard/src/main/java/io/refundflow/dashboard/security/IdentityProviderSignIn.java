package io.refundflow.dashboard.security;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.platform.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.HtmlUtils;

/**
 * The end of the identity provider's sign-in (authorization code with PKCE, Spring Security's OAuth2 login):
 * the access token the provider issued to the reviewer is checked like every bearer token (the platform's
 * decoder: signature, issuer, audience, expiry), must carry role ops, and becomes the session cookie, exactly
 * as a pasted token does in development mode. So the rest of the dashboard, and the review proxy that forwards
 * the reviewer's own token to policy-evaluator, work unchanged. The short-lived HTTP session the login flow
 * needed (the PKCE verifier, the authorized client) is dropped: nothing of the reviewer stays on the server.
 *
 * <p>Someone without role ops gets a 403 page and no session.
 */
final class IdentityProviderSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(IdentityProviderSignIn.class);

    private final OAuth2AuthorizedClientRepository authorizedClients = new HttpSessionOAuth2AuthorizedClientRepository();
    private final JwtDecoder decoder;
    private final JwtAuthenticationConverter converter;
    private final DashboardProperties properties;
    private final Clock clock;

    IdentityProviderSignIn(JwtDecoder decoder, JwtAuthenticationConverter converter, DashboardProperties properties,
            Clock clock) {
        this.decoder = decoder;
        this.converter = converter;
        this.properties = properties;
        this.clock = clock;
    }

    /** Where the login flow keeps the provider's tokens until {@link #onAuthenticationSuccess} reads them. */
    OAuth2AuthorizedClientRepository authorizedClients() {
        return authorizedClients;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2AuthenticationToken login = (OAuth2AuthenticationToken) authentication;
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(
                login.getAuthorizedClientRegistrationId(), login, request);
        endLoginSession(request);
        if (client == null) {
            page(response, HttpStatus.UNAUTHORIZED, "Sign-in failed", "The identity provider sent no access token.");
            return;
        }
        String token = client.getAccessToken().getTokenValue();
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            // the provider's tokens must be what every service accepts (issuer, audience, key): a configuration fault
            log.warn("access token from identity provider {} refused: {}", login.getAuthorizedClientRegistrationId(),
                    e.getMessage());
            page(response, HttpStatus.UNAUTHORIZED, "Sign-in failed",
                    "The identity provider's access token is not accepted here: " + e.getMessage());
            return;
        }
        List<String> roles = converter.convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .toList();
        if (!roles.contains(Roles.ROLE_OPS)) {
            log.info("dashboard sign-in refused for {}: roles {}", jwt.getSubject(), roles);
            page(response, HttpStatus.FORBIDDEN, "Not for your account",
                    "Signed in as " + jwt.getSubject() + ", who does not have role ops: the dashboard is for ops only.");
            return;
        }
        Duration lifetime = jwt.getExpiresAt() == null ? Duration.ofHours(1)
                : Duration.between(clock.instant(), jwt.getExpiresAt());
        log.info("dashboard sign-in of {} through identity provider {}", jwt.getSubject(),
                login.getAuthorizedClientRegistrationId());
        response.addHeader(HttpHeaders.SET_COOKIE,
                SessionCookie.issue(token, lifetime, properties.cookieSecure()).toString());
        // Not a redirect: a browser does not send a SameSite=Strict cookie along a redirect chain that started on
        // another site (the provider on another host name), so the page would arrive without its session and send
        // the reviewer back to sign in, again and again. A navigation from a page of our own is same-site.
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=%1$s/">
                <title>Signed in · refundflow ops dashboard</title></head>
                <body><p><a href="%1$s/">Open the dashboard</a></p></body></html>
                """.formatted(HtmlUtils.htmlEscape(request.getContextPath())));
        response.flushBuffer();
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.core.AuthenticationException exception) throws IOException {
        endLoginSession(request);
        page(response, HttpStatus.UNAUTHORIZED, "Sign-in failed", exception.getMessage());
    }

    private static void endLoginSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** A small page of its own: no script, so the dashboard's content security policy holds. */
    private static void page(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s · refundflow ops dashboard</title>
                <link rel="stylesheet" href="/dashboard.css"></head>
                <body><header class="top"><h1>refundflow · ops dashboard</h1></header>
                <main><div class="panel login"><h1 id="sign-in-title">%1$s</h1>
                <p class="message error" id="sign-in-error" role="alert">%2$s</p>
                <p><a href="/oauth2/authorization/%3$s">Sign in again</a> (as another user: sign out of the identity
                provider first)</p></div></main></body></html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(detail == null ? "" : detail),
                DashboardSecurity.REGISTRATION));
        response.flushBuffer();
    }
}
