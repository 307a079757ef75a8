package io.refundflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.platform.security.Caller;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The development provider's tokens carry what every refund service checks: iss, exp, aud refundflow, roles. */
class IdentityProviderTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String DEVELOPMENT_MODE = "--refund.security.development-mode=true";
    /** Where the dashboard's client is sent back with its code; nothing needs to answer there. */
    static final String DASHBOARD_REDIRECT = "http://127.0.0.1:9/login/oauth2/code/refundflow";

    @Test
    void anApiClientsTokenCarriesIssuerExpiryAudienceAndRolesAndVerifiesAgainstTheJwks() throws Exception {
        // given the provider with its published issuer
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (ConfigurableApplicationContext provider = start(port, issuer, "")) {
            // when the ops-cli client asks for a token with its secret
            String token = clientCredentialsToken(issuer, "ops-cli", "ops-cli-demo-secret");

            // then the token verifies against the provider's JWKS, for our issuer
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
            Jwt jwt = decoder.decode(token);
            assertThat(jwt.getSubject()).isEqualTo("ops-cli");
            assertThat(jwt.getAudience()).contains("refundflow");
            assertThat(jwt.getExpiresAt()).isNotNull();
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("ops");
            assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        }
    }

    @Test
    void aClientCredentialsTokenCarriesTheClientIdThatMarksAMachine() throws Exception {
        // given
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (ConfigurableApplicationContext provider = start(port, issuer, "")) {
            // when the ops-cli client gets a token for itself
            Jwt jwt = jwksDecoder(issuer).decode(clientCredentialsToken(issuer, "ops-cli", "ops-cli-demo-secret"));

            // then the services see a machine: it may read the review queue, never decide a review
            assertThat(jwt.getClaimAsString(Caller.MACHINE_CLAIM)).isEqualTo("ops-cli");
        }
    }

    @Test
    void aPersonsTokenFromSigningInCarriesNoClientId() throws Exception {
        // given
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (ConfigurableApplicationContext provider = start(port, issuer, "")) {
            // when ops-1 signs in through the dashboard's client (authorization code with PKCE)
            Jwt jwt = jwksDecoder(issuer).decode(new SignIn(issuer, DASHBOARD_REDIRECT).accessToken("ops-1",
                    "ops-1-demo"));

            // then the token is a person's
            assertThat(jwt.getSubject()).isEqualTo("ops-1");
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("ops");
            assertThat(jwt.hasClaim(Caller.MACHINE_CLAIM)).isFalse();
        }
    }

    @Test
    void theDiscoveryDocumentNamesTheIssuerAndOffersPkce() throws Exception {
        // given
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (ConfigurableApplicationContext provider = start(port, issuer, "")) {
            // when
            JsonNode discovery = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                    URI.create(issuer + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            // then
            assertThat(discovery.get("issuer").asString()).isEqualTo(issuer);
            assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
            assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
        }
    }

    @Test
    void withTheDevelopmentSigningSecretAccessTokensAreHs256AndTheSecretIsNotPublished() throws Exception {
        // given
        String secret = "refundflow-dev-only-hmac-secret-change-me-0123456789";
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (ConfigurableApplicationContext provider = start(port, issuer, secret)) {
            // when
            String token = clientCredentialsToken(issuer, "ops-cli", "ops-cli-demo-secret");
            String jwks = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            // then the services' shared secret verifies it, and the JWKS holds the RSA key only
            Jwt jwt = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build().decode(token);
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly("ops");
            assertThat(jwt.getAudience()).contains("refundflow");
            assertThat(JSON.readTree(jwks).get("keys")).hasSize(1);
            assertThat(jwks).contains("\"kty\":\"RSA\"").doesNotContain("\"oct\"");
        }
    }

    @Test
    void aWrongClientSecretGetsNoToken() throws Exception {
        // given
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        try (ConfigurableApplicationContext provider = start(port, issuer, "")) {
            // when
            HttpResponse<String> response = tokenRequest(issuer, "ops-cli", "guessed");

            // then
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("access_token");
        }
    }

    @Test
    void startedByALauncherTheProviderRunsWhileTheLauncherDoes() throws Exception {
        // given the launcher's process id, as the launcher passes it (the process that started this test stands in)
        int port = freePort();
        String issuer = "http://127.0.0.1:" + port;
        long launcher = ProcessHandle.current().parent().orElseThrow().pid();
        try (ConfigurableApplicationContext provider = IdentityApplication.application().run("--server.port=" + port,
                "--refund.identity.issuer=" + issuer, "--refund.parent-pid=" + launcher, DEVELOPMENT_MODE)) {
            // when
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(provider.isRunning()).isTrue();
        }
    }

    /** The provider as the local run starts it: in development mode, on 127.0.0.1 (the tests' default address). */
    static ConfigurableApplicationContext start(int port, String issuer, String signingSecret) {
        return IdentityApplication.application().run("--server.port=" + port, "--refund.identity.issuer=" + issuer,
                "--refund.identity.development-signing-secret=" + signingSecret, DEVELOPMENT_MODE,
                "--refund.identity.dashboard-redirect-uris=" + DASHBOARD_REDIRECT);
    }

    static NimbusJwtDecoder jwksDecoder(String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    static String clientCredentialsToken(String issuer, String clientId, String secret) throws Exception {
        HttpResponse<String> response = tokenRequest(issuer, clientId, secret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    static HttpResponse<String> tokenRequest(String issuer, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
