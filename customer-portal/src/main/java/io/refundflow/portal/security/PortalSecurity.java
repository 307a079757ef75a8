package io.refundflow.portal.security;

import io.refundflow.portal.PortalProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Who may see what. Every page needs a signed-in customer; the style sheet, the script and the health probes are
 * open. Sign-in is Spring Security's OAuth2 login (authorization code; PKCE, since the registration is a public
 * client): the session, the PKCE verifier and the provider's tokens stay on the server, in the HTTP session, and the
 * browser holds only the session cookie (HttpOnly, SameSite=Lax: Lax because the provider's answer and an email's
 * link are navigations from another site, which must arrive with the session).
 *
 * <p>Where a customer lands after sign-in is the page they asked for before it (the request cache keeps the
 * request of this very site, path and query, never an address a link could name), so a case link from an email
 * lands on that case and no parameter can send anyone elsewhere. Forms carry Spring Security's CSRF token (one per
 * session; the page's script sends it as a header), so another site cannot submit them.
 *
 * <p>Only customers: staff see every customer's cases through the API, so a staff member signed in here would see
 * other people's data as "mine"; they get a 403 page instead.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    /** The OAuth2 client registration customers sign in with: {@code spring.security.oauth2.client.registration.refundflow.*}. */
    static final String REGISTRATION = "refundflow";
    private static final List<String> PUBLIC = List.of("/portal.css", "/portal.js", "/favicon.ico", "/error", "/signed-out", "/forbidden", "/form-expired",
            "/actuator/health", "/actuator/health/**", "/actuator/info");

    @Bean
    SecurityFilterChain portalSecurityFilterChain(HttpSecurity http, PortalProperties properties) throws Exception {
        HttpSessionRequestCache requests = new HttpSessionRequestCache();
        return http
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC.toArray(String[]::new)).permitAll()
                        .anyRequest().hasRole(properties.customerRole().toUpperCase(Locale.ROOT)))
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesOf(properties))))
                .requestCache(cache -> cache.requestCache(requests))
                .exceptionHandling(handling -> handling.accessDeniedHandler(PortalSecurity::denied))
                .logout(logout -> logout.logoutSuccessUrl("/signed-out"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                                + "form-action 'self'; base-uri 'none'")))
                .build();
    }

    /**
     * A form without the page's CSRF token (another site's, or one older than the session) is answered with a page
     * saying the form expired; anyone else without the customer role with the "for customers" page. Both 403.
     */
    private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher(denied instanceof CsrfException ? "/form-expired" : "/forbidden")
                .forward(request, response);
    }

    /** The roles of the ID token's roles claim, as {@code ROLE_<ROLE>} authorities. */
    private static GrantedAuthoritiesMapper rolesOf(PortalProperties properties) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    Object roles = oidc.getIdToken().getClaim(properties.rolesClaim());
                    if (roles instanceof Collection<?> names) {
                        names.forEach(name -> mapped.add(new SimpleGrantedAuthority(
                                "ROLE_" + String.valueOf(name).toUpperCase(Locale.ROOT))));
                    }
                }
            }
            return mapped;
        };
    }
}
