package io.refundflow.dashboard.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.dashboard.DashboardProperties;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

/**
 * The dashboard's own consumer group on every refund topic and dead-letter topic. Records are taken as
 * they are (String key, raw bytes), not through the platform's event deserializer: dead letters and
 * foreign junk must be shown exactly as they arrived. Each new record goes to the {@link FirstProjection} (the
 * flow projection) and then to every {@link RecordListener} (the other read models).
 *
 * <p>The projection lives in memory, so a partition this JVM has not read yet is read from its
 * beginning, whatever offset the group committed; a partition it has read (a rebalance gave it back)
 * continues after the last applied record. Offsets are still committed, so the group's lag is visible.
 * One instance per deployment: a second instance in the group would see only some partitions.
 */
@Configuration(proxyBeanMethods = false)
class TopicFeed {

    private static final Logger log = LoggerFactory.getLogger(TopicFeed.class);

    @Bean
    ConcurrentMessageListenerContainer<Object, Object> topicFeedContainer(ConsumerFactory<Object, Object> consumers,
            DashboardProperties properties, FirstProjection projection, List<RecordListener> listeners,
            MeterRegistry meters, @Value("${spring.application.name}") String group) {
        ContainerProperties container = new ContainerProperties(properties.topics().toArray(String[]::new));
        container.setGroupId(group);
        container.setClientId(group + "-feed");
        Properties raw = new Properties();
        raw.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        raw.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        raw.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        container.setKafkaConsumerProperties(raw);
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        container.setMessageListener((MessageListener<Object, Object>) record -> {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, byte[]> bytes = (ConsumerRecord<String, byte[]>) (ConsumerRecord<?, ?>) record;
            try {
                RawRecord taken = RawRecord.of(bytes);
                if (projection.apply(taken)) {
                    listeners.forEach(listener -> listener.accept(taken));
                    counters.computeIfAbsent(bytes.topic(), topic -> Counter.builder("refund.dashboard.records")
                            .description("records read by the dashboard, per topic").tag("topic", topic)
                            .register(meters)).increment();
                }
            } catch (RuntimeException e) {
                // A record the projection cannot show must not stop the dashboard; it stays on its topic.
                log.warn("could not project {}@{}:{}: {}", bytes.topic(), bytes.partition(), bytes.offset(), e.toString());
            }
        });
        container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                for (TopicPartition partition : partitions) {
                    var last = projection.lastApplied(partition.topic(), partition.partition());
                    if (last.isPresent()) {
                        consumer.seek(partition, last.get() + 1);
                    } else {
                        consumer.seekToBeginning(List.of(partition));
                    }
                }
                log.info("dashboard feed reading {} partitions", partitions.size());
            }
        });
        ConcurrentMessageListenerContainer<Object, Object> feed = new ConcurrentMessageListenerContainer<>(consumers,
                container);
        feed.setCommonErrorHandler(new CommonLoggingErrorHandler());
        return feed;
    }
}
