package io.refundflow.notifier;

import io.refundflow.platform.security.JwtProperties;
import io.refundflow.platform.security.RefundSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The notifier's only API is for ops (UNCONFIRMED emails and their resend): the ops role is required. Health,
 * metrics and the other public paths of the platform stay open.
 */
@Configuration(proxyBeanMethods = false)
class NotifierSecurity {

    @Bean
    SecurityFilterChain notifierSecurityFilterChain(HttpSecurity http, JwtProperties properties,
            JwtAuthenticationConverter converter) throws Exception {
        return RefundSecurityAutoConfiguration.opsOnlyApi(http, properties, converter);
    }
}
