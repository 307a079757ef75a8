package io.refundflow.intake;

import io.refundflow.platform.security.JwtProperties;
import io.refundflow.platform.security.RefundSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Customers and agents open and submit cases; ops reviewers may read them. Which
 * cases a caller sees is decided per case (customers only their own), see {@code CaseService.visible} and
 * {@code SubmissionAccessFilter}.
 */
@Configuration(proxyBeanMethods = false)
class IntakeSecurity {

    @Bean
    SecurityFilterChain intakeSecurityFilterChain(HttpSecurity http, JwtProperties properties,
            JwtAuthenticationConverter converter) throws Exception {
        return RefundSecurityAutoConfiguration.configure(http, properties, converter)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/**").hasAnyRole("CUSTOMER", "AGENT")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole("CUSTOMER", "AGENT", "OPS")
                        .anyRequest().authenticated())
                .build();
    }
}
