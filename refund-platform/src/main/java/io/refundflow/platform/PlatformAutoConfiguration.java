package io.refundflow.platform;

import io.refundflow.events.EventCodec;
import io.refundflow.events.TopicSpec;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.EventHandlers;
import io.refundflow.platform.inbox.GatheredConsumers;
import io.refundflow.platform.inbox.ProcessedEvents;
import io.refundflow.platform.inbox.RecordBatches;
import io.refundflow.platform.kafka.DeadLetters;
import io.refundflow.platform.kafka.RetryProperties;
import io.refundflow.platform.kafka.TopicProperties;
import io.refundflow.platform.ops.OpsMailbox;
import io.refundflow.platform.outbox.OutboxProperties;
import io.refundflow.platform.outbox.OutboxRelay;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.platform.retention.RetentionProperties;
import io.refundflow.platform.retention.RetentionRule;
import io.refundflow.platform.retention.RetentionSweeper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;

/** The run-time pieces every refund service shares; each service gets them by depending on this module. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({OutboxProperties.class, TopicProperties.class, RetryProperties.class, OpsMailbox.class,
        RetentionProperties.class, GatheredConsumers.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<Object, Object> kafka,
            OutboxProperties properties, EventCodec codec) {
        return new OutboxRelay(jdbc, transactions, kafka, properties, codec.mapper());
    }

    @Bean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay) {
        return new OutboxWriter(jdbc, codec, relay);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    /** Ids of consumed events, kept for their dedupe as long as a redelivery can come (see the defaults). */
    @Bean
    RetentionRule processedEventRetention(RetentionProperties retention) {
        return new RetentionRule("processed_event", "processed_at", retention.processedEvents());
    }

    /** Sweeps every service's {@link RetentionRule}s; the counter goes to the global registry without actuator. */
    @Bean
    RetentionSweeper retentionSweeper(JdbcTemplate jdbc, Clock clock, ObjectProvider<RetentionRule> rules,
            RetentionProperties retention, ObjectProvider<MeterRegistry> meters) {
        return new RetentionSweeper(jdbc, clock, rules.orderedStream().toList(), retention,
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    RecordBatches recordBatches(TransactionTemplate transactions) {
        return new RecordBatches(transactions);
    }

    /**
     * A listener per {@link EventHandler} bean, in the service's consumer group: the one way a service consumes a
     * topic.
     */
    @Bean
    EventHandlers eventHandlers(ObjectProvider<EventHandler<?>> handlers, Environment environment,
            @Qualifier(RecordBatches.CONTAINER_FACTORY) ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory,
            RecordBatches batches, ProcessedEvents processed, GatheredConsumers gathered) {
        return new EventHandlers(handlers.orderedStream().toList(),
                environment.getProperty("spring.application.name"), batchFactory, batches, processed, gathered);
    }

    /**
     * Listeners that handle a poll's records in one transaction ({@link RecordBatches}): configured like Boot's
     * own factory ({@code spring.kafka.listener.*}, the dead-lettering error handler), but batch.
     */
    @Bean(RecordBatches.CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> batchListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        return factory;
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<Object, Object> kafka, RetryProperties retry) {
        return DeadLetters.errorHandler(kafka, retry);
    }

    /**
     * One long-lived Kafka admin client per service, configured like Spring's {@link KafkaAdmin} (which opens
     * a client per operation): the Kafka health check uses it, and so does any service code that reads
     * from the broker's metadata (the ops dashboard's consumer lag). Bounded request times, so that no
     * caller hangs on a dead broker.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Admin.class)
    Admin refundKafkaAdmin(KafkaAdmin kafkaAdmin, Environment environment) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG,
                environment.getProperty("spring.application.name", "refund-service") + "-admin");
        return Admin.create(config);
    }

    @Bean
    KafkaAdmin.NewTopics refundTopics(TopicProperties properties) {
        return new KafkaAdmin.NewTopics(TopicSpec.all().stream()
                .map(spec -> TopicBuilder.name(spec.name()).partitions(properties.partitions())
                        .replicas(properties.replicationFactor()).configs(spec.configs()).build())
                .toArray(NewTopic[]::new));
    }
}
