package io.refundflow.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of a service whose every API is an ops action (the evaluator's manual review, dry run and
 * what-if; the notifier's UNCONFIRMED emails and their resend): {@code /api/**} needs the ops role, the public
 * paths (health, metrics, API documents) stay open, anything else needs a valid token. A service imports it
 * ({@code @Import(OpsOnlyApiSecurity.class)}) in place of the default chain of
 * {@link RefundSecurityAutoConfiguration}, whose decoder and converters it uses.
 */
@Configuration(proxyBeanMethods = false)
public class OpsOnlyApiSecurity {

    @Bean
    SecurityFilterChain opsOnlyApiSecurityFilterChain(HttpSecurity http, JwtProperties properties,
            JwtAuthenticationConverter converter) throws Exception {
        return RefundSecurityAutoConfiguration.configure(http, properties, converter)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/**").hasRole("OPS")
                        .anyRequest().authenticated())
                .build();
    }
}
