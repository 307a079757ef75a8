package io.refundflow.dashboard.security;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.platform.security.DevelopmentModeProperties;
import io.refundflow.platform.security.Roles;
import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewer's session. In development mode only ({@code refund.security.development-mode}), log in by pasting
 * an ops token (the one the launcher prints): it is verified like every bearer token, must carry role ops, and
 * becomes the session cookie until it expires. Otherwise ops sign in through the identity provider
 * ({@link IdentityProviderSignIn}), which ends in the same cookie.
 */
@RestController
@RequestMapping("/api/session")
class SessionController {

    /** @param token the reviewer's JWT */
    record Login(String token) {
    }

    record Session(String subject, List<String> roles, Instant expiresAt) {
    }

    private final JwtDecoder decoder;
    private final JwtAuthenticationConverter converter;
    private final DashboardProperties properties;
    private final Clock clock;
    private final boolean developmentMode;

    SessionController(JwtDecoder decoder, JwtAuthenticationConverter converter, DashboardProperties properties,
            Clock clock, DevelopmentModeProperties mode) {
        this.decoder = decoder;
        this.converter = converter;
        this.properties = properties;
        this.clock = clock;
        this.developmentMode = mode.developmentMode();
    }

    @PostMapping
    ResponseEntity<?> login(@RequestBody(required = false) Login login) {
        if (!developmentMode) {
            return ProblemDetails.response(ProblemDetails.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "signing in with a pasted token is for development mode (" + DevelopmentModeProperties.PROPERTY
                            + "=true) only: sign in through the identity provider at /oauth2/authorization/"
                            + DashboardSecurity.REGISTRATION));
        }
        if (login == null || login.token() == null || login.token().isBlank()) {
            return ProblemDetails.response(ProblemDetails.invalid(List.of(new InvalidField("token", "required"))));
        }
        String token = login.token().trim();
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            return ProblemDetails.response(ProblemDetails.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authentication required", "token: " + e.getMessage()));
        }
        AbstractAuthenticationToken authentication = converter.convert(jwt);
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        if (!roles.contains(Roles.ROLE_OPS)) {
            return ProblemDetails.response(ProblemDetails.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "token: the dashboard needs role ops; this token has " + roles));
        }
        Instant expiresAt = jwt.getExpiresAt() == null ? clock.instant().plus(Duration.ofHours(8)) : jwt.getExpiresAt();
        Duration lifetime = Duration.between(clock.instant(), expiresAt);
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, SessionCookie.issue(token, lifetime, properties.cookieSecure()).toString())
                .body(new Session(jwt.getSubject(), roles, expiresAt));
    }

    @GetMapping
    Session current(@AuthenticationPrincipal Jwt jwt) {
        List<String> roles = converter.convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .toList();
        return new Session(jwt.getSubject(), roles, jwt.getExpiresAt());
    }

    @DeleteMapping
    ResponseEntity<Map<String, String>> logout() {
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, SessionCookie.clear(properties.cookieSecure()).toString())
                .body(Map.of("status", "logged out"));
    }
}
