package io.refundflow.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The development identity provider's users, clients and tokens ({@code refund.identity.*}; defaults and
 * comments in refund-identity.yml). Every password and secret here is a development value, published in the
 * repository: this provider is for the local run and the tests only.
 *
 * @param issuer                   the issuer URL put in {@code iss} and published in the discovery document;
 *                                 the services' {@code refund.security.jwt.issuer} must be exactly this
 * @param users                    the demo users who may sign in on the login page
 * @param dashboardRedirectUris    where the dashboard's public client may be sent back after sign-in
 * @param portalRedirectUris       where the customer page's public client may be sent back after sign-in
 * @param apiClients               confidential clients that get a token with the client-credentials grant
 *                                 (scripts, curl), each with the roles its tokens carry
 * @param accessTokenTtl           lifetime of access tokens (the dashboard's session ends with its token)
 * @param developmentSigningSecret when set, access tokens are signed HS256 with this secret instead of the
 *                                 provider's RSA key (ID tokens stay RS256): the local run's services verify
 *                                 tokens with the development secret, one key source each
 */
@ConfigurationProperties("refund.identity")
public record IdentityProperties(
        String issuer,
        List<DemoUser> users,
        List<String> dashboardRedirectUris,
        List<String> portalRedirectUris,
        List<ApiClient> apiClients,
        Duration accessTokenTtl,
        String developmentSigningSecret) {

    /** The claim with the caller's roles, as refund-platform reads it by default. */
    public static final String ROLES_CLAIM = "roles";
    /** The audience every refund service checks by default. */
    public static final String AUDIENCE = "refundflow";
    /** The dashboard's public client (authorization code with PKCE). */
    public static final String DASHBOARD_CLIENT = "ops-dashboard";
    /** The customer page's public client (authorization code with PKCE). */
    public static final String PORTAL_CLIENT = "customer-portal";

    /** A user of the login page, with the roles ({@code customer}, {@code agent}, {@code ops}) of their tokens. */
    public record DemoUser(String username, String password, List<String> roles) {

        public DemoUser {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /** A client that gets its own token (subject: its id) with the client-credentials grant. */
    public record ApiClient(String clientId, String secret, List<String> roles) {

        public ApiClient {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    public IdentityProperties {
        issuer = issuer == null || issuer.isBlank() ? null : issuer;
        users = users == null ? List.of() : List.copyOf(users);
        dashboardRedirectUris = dashboardRedirectUris == null ? List.of() : List.copyOf(dashboardRedirectUris);
        portalRedirectUris = portalRedirectUris == null ? List.of() : List.copyOf(portalRedirectUris);
        apiClients = apiClients == null ? List.of() : List.copyOf(apiClients);
        accessTokenTtl = accessTokenTtl == null ? Duration.ofHours(1) : accessTokenTtl;
        developmentSigningSecret = developmentSigningSecret == null || developmentSigningSecret.isBlank()
                ? null : developmentSigningSecret;
        if (developmentSigningSecret != null
                && developmentSigningSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("refund.identity.development-signing-secret: must be at least 32 bytes"
                    + " for HS256");
        }
    }
}
