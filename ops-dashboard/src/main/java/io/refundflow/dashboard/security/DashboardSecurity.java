package io.refundflow.dashboard.security;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.platform.security.ProblemResponses;
import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Everything needs role ops except the login page, its script and style sheet, and the health probes.
 * A page request without a valid session goes to the identity provider's sign-in when one is configured
 * (the Spring Security OAuth2 client registration {@value #REGISTRATION}; see {@link IdentityProviderSignIn}),
 * else to the login page, where in development mode a token may be pasted; an API request gets a 401/403
 * problem. The JWT checks (key, issuer, audience, expiry, roles claim) are the platform's, the same as every
 * service's.
 *
 * <p>CSRF: the session is a cookie, so a request that changes something must carry the header
 * {@code X-Requested-With: ops-dashboard}, which another site's form cannot send (and a script on another
 * origin cannot send without a CORS permission this app never gives); the cookie is also SameSite=Strict.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

    static final String CSRF_HEADER = "X-Requested-With";
    static final String CSRF_VALUE = "ops-dashboard";
    /** The OAuth2 client registration ops sign in with: {@code spring.security.oauth2.client.registration.refundflow.*}. */
    static final String REGISTRATION = "refundflow";
    private static final String SIGN_IN_START = "/oauth2/authorization/";
    private static final String SIGN_IN_END = "/login/oauth2/code/";
    private static final Set<String> PUBLIC_FILES = Set.of("/login.html", "/login.js", "/dashboard.css",
            "/favicon.ico", "/error", "/actuator/health", "/actuator/info");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    SecurityFilterChain dashboardSecurityFilterChain(HttpSecurity http, JwtAuthenticationConverter converter,
            JwtDecoder decoder, DashboardProperties properties, Clock clock,
            ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
        ClientRegistrationRepository identityProvider = registrations.getIfAvailable();
        if (identityProvider != null) {
            if (identityProvider.findByRegistrationId(REGISTRATION) == null) {
                throw new IllegalStateException("spring.security.oauth2.client.registration." + REGISTRATION
                        + ": the dashboard signs ops in with this registration; the configured ones have other names");
            }
            IdentityProviderSignIn signIn = new IdentityProviderSignIn(decoder, converter, properties, clock);
            http.oauth2Login(login -> login
                    .authorizedClientRepository(signIn.authorizedClients())
                    .successHandler(signIn)
                    .failureHandler(signIn));
        }
        AuthenticationEntryPoint entryPoint = entryPoint(identityProvider != null);
        AccessDeniedHandler denied = accessDenied();
        return http
                .csrf(csrf -> csrf.disable()) // see the class comment: custom-header check below
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_FILES.toArray(String[]::new)).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/session").permitAll()
                        .requestMatchers(HttpMethod.DELETE, "/api/session").permitAll()
                        .requestMatchers(HttpMethod.GET, SIGN_IN_START + "*", SIGN_IN_END + "*").permitAll()
                        .anyRequest().hasRole("OPS"))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .bearerTokenResolver(SessionCookie.resolver())
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .addFilterBefore(new CustomHeaderCsrfFilter(), BearerTokenAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                                + "form-action 'self'; base-uri 'none'")))
                .build();
    }

    static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("/api/session".equals(path)) {
            return !"GET".equals(request.getMethod());
        }
        return PUBLIC_FILES.contains(path) || path.startsWith("/actuator/health/") || path.startsWith(SIGN_IN_START)
                || path.startsWith(SIGN_IN_END);
    }

    private static boolean wantsApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    private static AuthenticationEntryPoint entryPoint(boolean identityProvider) {
        AuthenticationEntryPoint problems = ProblemResponses.entryPoint();
        return (request, response, exception) -> {
            if (wantsApi(request)) {
                problems.commence(request, response, exception);
            } else if (identityProvider) {
                response.sendRedirect(request.getContextPath() + SIGN_IN_START + REGISTRATION);
            } else {
                response.sendRedirect(request.getContextPath() + "/login.html");
            }
        };
    }

    private static AccessDeniedHandler accessDenied() {
        AccessDeniedHandler problems = ProblemResponses.accessDeniedHandler();
        return (request, response, exception) -> {
            if (wantsApi(request)) {
                problems.handle(request, response, exception);
            } else {
                response.sendRedirect(request.getContextPath() + "/login.html?denied");
            }
        };
    }

    /** Refuses a state-changing request that did not come from the dashboard's own script. */
    static final class CustomHeaderCsrfFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean safe = SAFE_METHODS.contains(request.getMethod());
            boolean bearer = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            if (safe || bearer || CSRF_VALUE.equals(request.getHeader(CSRF_HEADER))) {
                chain.doFilter(request, response);
                return;
            }
            InvalidField error = new InvalidField(CSRF_HEADER, "must be '" + CSRF_VALUE
                    + "' on requests that change something");
            ProblemDetails.write(response, HttpStatus.FORBIDDEN, "csrf", "Forbidden", error.describe(),
                    request.getRequestURI(), List.of(error));
        }
    }
}
