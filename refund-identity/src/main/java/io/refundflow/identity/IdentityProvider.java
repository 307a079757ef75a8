package io.refundflow.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.refundflow.platform.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server with OpenID Connect: the protocol endpoints (authorize, token, JWKS, discovery)
 * in one chain, the login form for the demo users in another. Access tokens carry what refund-platform checks
 * on every service: {@code iss}, {@code exp}, {@code aud} {@value IdentityProperties#AUDIENCE} and the roles
 * in {@value IdentityProperties#ROLES_CLAIM}; ID tokens carry the roles too. A client-credentials token also
 * carries {@code client_id} ({@link Caller#MACHINE_CLAIM}): a machine, never a reviewer.
 */
@Configuration(proxyBeanMethods = false)
class IdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(IdentityProvider.class);
    private static final String HS256_KEY_ID = "development-hs256";

    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        return http
                .securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // a browser without a session signs in on the login form first
                .exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService demoUsers(IdentityProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (IdentityProperties.DemoUser user : properties.users()) {
            // {noop}: development passwords, published in refund-identity.yml anyway
            users.createUser(User.withUsername(user.username()).password("{noop}" + user.password())
                    .roles(user.roles().stream().map(role -> role.toUpperCase(Locale.ROOT)).toArray(String[]::new))
                    .build());
        }
        return users;
    }

    @Bean
    RegisteredClientRepository clients(IdentityProperties properties) {
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build();
        List<RegisteredClient> clients = new ArrayList<>();
        clients.add(publicClient(IdentityProperties.DASHBOARD_CLIENT, properties.dashboardRedirectUris(), tokens));
        clients.add(publicClient(IdentityProperties.PORTAL_CLIENT, properties.portalRedirectUris(), tokens));
        for (IdentityProperties.ApiClient client : properties.apiClients()) {
            clients.add(RegisteredClient.withId(client.clientId())
                    .clientId(client.clientId())
                    .clientSecret("{noop}" + client.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(tokens)
                    .build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    /** A browser's client: no secret, authorization code with PKCE, sent back only to the given addresses. */
    private static RegisteredClient publicClient(String id, List<String> redirectUris, TokenSettings tokens) {
        RegisteredClient.Builder client = RegisteredClient.withId(id)
                .clientId(id)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens);
        redirectUris.forEach(client::redirectUri);
        return client.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (properties.issuer() != null) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    /**
     * A fresh RSA key per start (tokens of an earlier run are refused, which suits a development provider),
     * and the HS256 development key when configured. The JWKS endpoint publishes only the public RSA key.
     */
    @Bean
    JWKSource<SecurityContext> signingKeys(IdentityProperties properties) throws Exception {
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        keys.add(new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate());
        if (properties.developmentSigningSecret() != null) {
            log.warn("access tokens are signed HS256 with refund.identity.development-signing-secret: development only");
            keys.add(new OctetSequenceKey.Builder(properties.developmentSigningSecret().getBytes(StandardCharsets.UTF_8))
                    .keyID(HS256_KEY_ID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.HS256).build());
        }
        return new ImmutableJWKSet<>(new JWKSet(keys));
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> refundClaims(IdentityProperties properties) {
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!accessToken && !idToken) {
                return;
            }
            context.getClaims().claim(IdentityProperties.ROLES_CLAIM, roles(context, properties));
            if (accessToken) {
                context.getClaims().audience(List.of(IdentityProperties.AUDIENCE));
                if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                    // a machine's token, not a person's: the services let it read, never decide a review
                    context.getClaims().claim(Caller.MACHINE_CLAIM, context.getRegisteredClient().getClientId());
                }
                if (properties.developmentSigningSecret() != null) {
                    context.getJwsHeader().algorithm(MacAlgorithm.HS256).keyId(HS256_KEY_ID);
                }
            }
        };
    }

    /** A user's roles from their authorities ({@code ROLE_OPS} -> {@code ops}); an API client's from its settings. */
    private static List<String> roles(JwtEncodingContext context, IdentityProperties properties) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            String clientId = context.getRegisteredClient().getClientId();
            return properties.apiClients().stream().filter(client -> client.clientId().equals(clientId))
                    .findFirst().map(IdentityProperties.ApiClient::roles).orElse(List.of());
        }
        Authentication user = context.getPrincipal();
        Collection<? extends GrantedAuthority> authorities = user.getAuthorities();
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(name -> name.startsWith("ROLE_"))
                .map(name -> name.substring("ROLE_".length()).toLowerCase(Locale.ROOT)).toList();
    }
}
