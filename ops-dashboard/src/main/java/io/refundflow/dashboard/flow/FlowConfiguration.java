package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.DashboardProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FlowConfiguration {

    @Bean
    FlowProjection flowProjection(DashboardProperties properties, Clock clock) {
        return new FlowProjection(properties, clock);
    }
}
