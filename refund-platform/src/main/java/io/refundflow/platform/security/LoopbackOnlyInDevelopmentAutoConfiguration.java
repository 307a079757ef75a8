package io.refundflow.platform.security;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Every service (and refund-identity) in development mode refuses to start unless it listens on a loopback
 * address ({@link LoopbackOnlyInDevelopment}). The check runs while the beans are created, before the web server
 * opens its port.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnProperty(name = DevelopmentModeProperties.PROPERTY, havingValue = "true")
public class LoopbackOnlyInDevelopmentAutoConfiguration {

    @Bean
    @Lazy(false)
    InitializingBean loopbackOnlyInDevelopment(Environment environment) {
        return () -> LoopbackOnlyInDevelopment.requireLoopback(environment);
    }
}
