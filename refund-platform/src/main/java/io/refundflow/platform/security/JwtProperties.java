package io.refundflow.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service checks bearer tokens ({@code refund.security.jwt.*}).
 *
 * <p>Either an HMAC secret (HS256, at least 32 bytes) or a JWKS URI of an identity provider; the JWKS URI
 * wins when both are set. The default secret is a development value known to everyone who reads this
 * code: <b>every deployment must override it</b> ({@code REFUND_SECURITY_JWT_SECRET}) or configure a
 * JWKS URI.
 *
 * @param secret           HMAC-SHA256 key (UTF-8 bytes, at least 32)
 * @param jwkSetUri        JWKS endpoint of the identity provider; when set, tokens are verified against it
 * @param issuer           when set, tokens must carry this {@code iss}
 * @param rolesClaim       the claim listing the caller's roles ({@code customer}, {@code agent}, {@code ops})
 * @param publicPaths      request paths served without a token (GET only). Default: health (with its
 *                         liveness / readiness probes), info, the Prometheus scrape endpoint, the OpenAPI
 *                         document. Setting the property replaces the whole list. A service with its own
 *                         chain that does not use {@link RefundSecurityAutoConfiguration#configure} (the ops
 *                         dashboard) decides for itself.
 * @param printDemoTokens  whether a service prints demo tokens at start-up; only ever done while the
 *                         development secret is in use
 * @param demoTokenTtl     lifetime of demo tokens
 */
@ConfigurationProperties("refund.security.jwt")
public record JwtProperties(
        String secret,
        String jwkSetUri,
        String issuer,
        String rolesClaim,
        List<String> publicPaths,
        Boolean printDemoTokens,
        Duration demoTokenTtl) {

    /** Development only: published in the source code, so never a secret. */
    public static final String DEV_SECRET = "refundflow-dev-only-hmac-secret-change-me-0123456789";

    public JwtProperties {
        secret = secret == null || secret.isBlank() ? DEV_SECRET : secret;
        jwkSetUri = jwkSetUri == null || jwkSetUri.isBlank() ? null : jwkSetUri;
        issuer = issuer == null || issuer.isBlank() ? null : issuer;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        // /actuator/prometheus: a scraper has no customer token; the metrics name no customer or refund.
        publicPaths = publicPaths == null ? List.of("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                "/v3/api-docs/**", "/v3/api-docs", "/openapi.json", "/error") : List.copyOf(publicPaths);
        printDemoTokens = printDemoTokens == null || printDemoTokens;
        demoTokenTtl = demoTokenTtl == null ? Duration.ofHours(12) : demoTokenTtl;
        if (jwkSetUri == null && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("refund.security.jwt.secret: must be at least 32 bytes for HS256");
        }
    }

    public boolean usesDevSecret() {
        return jwkSetUri == null && DEV_SECRET.equals(secret);
    }

    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
