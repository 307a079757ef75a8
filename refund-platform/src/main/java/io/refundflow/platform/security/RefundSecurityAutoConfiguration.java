package io.refundflow.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * JWT bearer-token security for every refund service with a servlet web layer: an HS256 secret or a JWKS
 * URI ({@link JwtProperties}), roles from the {@code roles} claim as {@code ROLE_CUSTOMER}, {@code ROLE_AGENT},
 * {@code ROLE_OPS}, the subject as the caller's id, stateless sessions, and 401/403 answers as problem
 * details. A service that declares its own {@link SecurityFilterChain} (or imports {@link OpsOnlyApiSecurity})
 * keeps the decoder and converters from here. Without Spring Security on the classpath this does nothing.
 *
 * <p>Outside development mode ({@link DevelopmentModeProperties}) a service with no key, or with the
 * published development secret, refuses to start: the message names the properties to set.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.RefundSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"})
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class, NimbusJwtDecoder.class,
        JwtAuthenticationConverter.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({JwtProperties.class, DevelopmentModeProperties.class})
@EnableWebSecurity
public class RefundSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RefundSecurityAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(JwtProperties properties, DevelopmentModeProperties mode, ObjectProvider<Clock> clock) {
        requireProductionKeyUnlessDevelopment(properties, mode);
        NimbusJwtDecoder decoder;
        if (properties.jwkSetUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        } else {
            if (properties.usesDevSecret()) {
                log.warn("development mode: tokens are verified with the published development secret");
            }
            decoder = NimbusJwtDecoder
                    .withSecretKey(new SecretKeySpec(properties.secretBytes(), "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        }
        decoder.setJwtValidator(validator(properties));
        return new CachingJwtDecoder(decoder, properties.verifiedTokens(), clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * Fails start-up when the tokens would be checked with a key everyone knows (none configured, or the
     * published one) and {@link DevelopmentModeProperties#PROPERTY} is not {@code true}.
     */
    static void requireProductionKeyUnlessDevelopment(JwtProperties properties, DevelopmentModeProperties mode) {
        if (properties.usesDevSecret() && !mode.developmentMode()) {
            throw new IllegalStateException("refund.security.jwt.secret is not set or is the published development"
                    + " secret: set refund.security.jwt.secret (REFUND_SECURITY_JWT_SECRET, 32+ bytes) or"
                    + " refund.security.jwt.jwk-set-uri with refund.security.jwt.issuer; for a local run only, set "
                    + DevelopmentModeProperties.PROPERTY + "=true");
        }
    }

    /** The default checks (signature, {@code nbf}) plus: {@code exp} required, our audience, the issuer if set. */
    static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(properties.issuer() == null
                ? JwtValidators.createDefault()
                : JwtValidators.createDefaultWithIssuer(properties.issuer()));
        // The timestamp validator only checks an exp that is there; a token without one would never expire.
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        String audience = properties.audience();
        validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(audience)));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * No observation of Spring Security's own steps: with one, every filter of the chain ran wrapped in an
     * observation of its own (the request, its authentication and its authorization besides), on every request,
     * and nothing read them. Turning the observations off by name left the wrapping in place; this removes it. The
     * HTTP request's observation ({@code http.server.requests}) is not Spring Security's and stays.
     */
    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter(JwtProperties properties) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(rolesFrom(properties.rolesClaim()));
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean
    DemoTokens demoTokens(JwtProperties properties, ObjectProvider<Clock> clock) {
        return new DemoTokens(properties.secretBytes(), properties.issuer(), properties.audience(),
                properties.demoTokenTtl(), clock.getIfAvailable(Clock::systemUTC));
    }

    /** Prints tokens for the demo users, only in development mode with the published development secret. */
    @Bean
    ApplicationRunner demoTokenPrinter(JwtProperties properties, DevelopmentModeProperties mode, DemoTokens tokens) {
        return args -> {
            if (mode.developmentMode() && properties.usesDevSecret() && properties.printDemoTokens()) {
                log.info("demo tokens (development secret; valid {}):\n  customer {}: {}\n  customer {}: {}\n"
                                + "  agent {}: {}\n  ops {}: {}", properties.demoTokenTtl(),
                        DemoTokens.CUSTOMER_1, tokens.customer(DemoTokens.CUSTOMER_1),
                        DemoTokens.CUSTOMER_2, tokens.customer(DemoTokens.CUSTOMER_2),
                        DemoTokens.AGENT, tokens.agent(DemoTokens.AGENT),
                        DemoTokens.OPS, tokens.ops(DemoTokens.OPS));
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain refundSecurityFilterChain(HttpSecurity http, JwtProperties properties,
            JwtAuthenticationConverter converter) throws Exception {
        return configure(http, properties, converter)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }

    /**
     * The common part of every service's chain: stateless, no CSRF (bearer tokens, no cookies), public
     * paths open, JWT resource server, problem-details 401/403. The caller adds its own rules and builds.
     */
    public static HttpSecurity configure(HttpSecurity http, JwtProperties properties,
            JwtAuthenticationConverter converter) throws Exception {
        String[] open = properties.publicPaths().toArray(String[]::new);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, open).permitAll()
                        .requestMatchers("/error").permitAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(ProblemResponses.entryPoint())
                        .accessDeniedHandler(ProblemResponses.accessDeniedHandler()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(ProblemResponses.entryPoint())
                        .accessDeniedHandler(ProblemResponses.accessDeniedHandler()));
    }

    static Converter<Jwt, Collection<GrantedAuthority>> rolesFrom(String claim) {
        return jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            Object value = jwt.getClaims().get(claim);
            if (value instanceof Collection<?> roles) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(Roles.authorityOf(role.toString()))));
            } else if (value instanceof String roles) {
                for (String role : roles.split("[,\\s]+")) {
                    if (!role.isBlank()) {
                        authorities.add(new SimpleGrantedAuthority(Roles.authorityOf(role)));
                    }
                }
            }
            return authorities;
        };
    }
}
