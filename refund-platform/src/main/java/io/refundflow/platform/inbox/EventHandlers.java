package io.refundflow.platform.inbox;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Registers one batch listener per {@link EventHandler} bean: the service's consumer group on the handler's
 * topic, with the topic's name as listener id, in the container factory of {@link RecordBatches}. Two handlers
 * of one topic in one service would share one group and split its partitions between them, each missing the
 * other's events, so the service does not start. A gathered topic ({@link Subscription.Pace#GATHERED}) gets the
 * fetch of {@link GatheredConsumers}.
 */
public class EventHandlers implements KafkaListenerConfigurer {

    private static final Method CONSUME = ReflectionUtils.findMethod(TopicConsumer.class, "consume", List.class);

    private final List<EventHandler<?>> handlers;
    private final String group;
    private final KafkaListenerContainerFactory<?> batchFactory;
    private final RecordBatches batches;
    private final ProcessedEvents processed;
    private final GatheredConsumers gathered;

    /** @param group the service's consumer group; null in a service that consumes nothing */
    public EventHandlers(List<EventHandler<?>> handlers, String group, KafkaListenerContainerFactory<?> batchFactory,
            RecordBatches batches, ProcessedEvents processed, GatheredConsumers gathered) {
        this.handlers = List.copyOf(handlers);
        this.group = group;
        this.batchFactory = batchFactory;
        this.batches = batches;
        this.processed = processed;
        this.gathered = gathered;
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        DefaultMessageHandlerMethodFactory methods = new DefaultMessageHandlerMethodFactory();
        methods.afterPropertiesSet();
        Map<String, EventHandler<?>> byTopic = new HashMap<>();
        for (EventHandler<?> handler : handlers) {
            if (group == null) {
                throw new IllegalStateException("spring.application.name is not set: it names the consumer group of "
                        + handler.getClass().getName());
            }
            String topic = handler.subscription().topic();
            EventHandler<?> other = byTopic.putIfAbsent(topic, handler);
            if (other != null) {
                throw new IllegalStateException("two handlers of " + topic + " in group " + group + " ("
                        + other.getClass().getName() + ", " + handler.getClass().getName()
                        + ") would split its partitions: one handler per topic");
            }
            MethodKafkaListenerEndpoint<String, Object> endpoint = new MethodKafkaListenerEndpoint<>();
            endpoint.setId(topic);
            endpoint.setGroupId(group);
            endpoint.setTopics(topic);
            endpoint.setBean(new TopicConsumer<>(handler, batches, processed));
            endpoint.setMethod(CONSUME);
            endpoint.setMessageHandlerMethodFactory(methods);
            if (handler.subscription().pace() == Subscription.Pace.GATHERED) {
                endpoint.setConsumerProperties(gathered.consumerProperties());
            }
            registrar.registerEndpoint(endpoint, batchFactory);
        }
    }
}
