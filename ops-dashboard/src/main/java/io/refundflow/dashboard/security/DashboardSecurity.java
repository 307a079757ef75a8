package io.refundflow.dashboard.security;

import io.refundflow.platform.security.ProblemResponses;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Everything needs role ops except the login page, its script and style sheet, and the health probes.
 * A page request without a valid session goes to the login page; an API request gets a 401/403 problem.
 * The JWT checks (secret, expiry, roles claim) are the platform's, the same as every service's.
 *
 * <p>CSRF: the session is a cookie, so a request that changes something must carry the header
 * {@code X-Requested-With: ops-dashboard}, which another site's form cannot send (and a script on another
 * origin cannot send without a CORS permission this app never gives); the cookie is also SameSite=Strict.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

    static final String CSRF_HEADER = "X-Requested-With";
    static final String CSRF_VALUE = "ops-dashboard";
    private static final Set<String> PUBLIC_FILES = Set.of("/login.html", "/login.js", "/dashboard.css",
            "/favicon.ico", "/error", "/actuator/health", "/actuator/info");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    SecurityFilterChain dashboardSecurityFilterChain(HttpSecurity http, JwtAuthenticationConverter converter)
            throws Exception {
        AuthenticationEntryPoint entryPoint = entryPoint();
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
        return PUBLIC_FILES.contains(path) || path.startsWith("/actuator/health/");
    }

    private static boolean wantsApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    private static AuthenticationEntryPoint entryPoint() {
        AuthenticationEntryPoint problems = ProblemResponses.entryPoint();
        return (request, response, exception) -> {
            if (wantsApi(request)) {
                problems.commence(request, response, exception);
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
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, "csrf", "Forbidden",
                    CSRF_HEADER + " header: must be '" + CSRF_VALUE + "' on requests that change something",
                    request.getRequestURI());
        }
    }
}
