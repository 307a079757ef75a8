package io.refundflow.dashboard.lag;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** One admin client for consumer lag and the Kafka health check, configured like Spring's KafkaAdmin. */
@Configuration(proxyBeanMethods = false)
class KafkaAdminConfiguration {

    @Bean(destroyMethod = "close")
    Admin dashboardAdmin(KafkaAdmin kafkaAdmin) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "ops-dashboard-admin");
        return Admin.create(config);
    }
}
