package io.refundflow.evaluator;

import io.refundflow.platform.security.JwtProperties;
import io.refundflow.platform.security.RefundSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API of this service is an ops action (manual review, dry run, what-if): the ops role is required.
 * Health and the other public paths of the platform stay open.
 */
@Configuration(proxyBeanMethods = false)
class EvaluatorSecurity {

    @Bean
    SecurityFilterChain evaluatorSecurityFilterChain(HttpSecurity http, JwtProperties properties,
            JwtAuthenticationConverter converter) throws Exception {
        return RefundSecurityAutoConfiguration.opsOnlyApi(http, properties, converter);
    }
}
